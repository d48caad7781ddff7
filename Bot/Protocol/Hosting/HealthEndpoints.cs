using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace SocialBot.Bot.Protocol.Hosting;

internal static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    /// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: every check tagged <see cref="ReadyTag"/> passes (Redis among them).</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return endpoints;
    }
}
