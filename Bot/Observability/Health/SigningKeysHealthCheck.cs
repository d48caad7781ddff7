using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SocialBot.Bot.Protocol.Auth;

namespace SocialBot.Bot.Observability.Health;

/// <summary>
/// Ready only when the Bot Framework signing keys are loaded (when authentication is on). Asking the cache loads them:
/// keys are otherwise fetched on the first request, which a load balancer would never send to an unready instance.
/// After a failed download the cache fails fast for a few seconds, so probes cannot hammer the metadata endpoint.
/// </summary>
internal sealed class SigningKeysHealthCheck(ChannelSigningKeyCache keys, IOptions<BotIdentityOptions> identity) : IHealthCheck
{
    public const string Name = "openid-metadata";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (identity.Value.AllowsAnonymousRequests)
        {
            return HealthCheckResult.Healthy("Authentication is off (Development without an app id); no signing keys needed.");
        }

        try
        {
            var snapshot = await keys.GetAsync(cancellationToken).ConfigureAwait(false);
            return snapshot.Count > 0
                ? HealthCheckResult.Healthy($"{snapshot.Count} signing key(s) loaded.")
                : HealthCheckResult.Unhealthy("The OpenID metadata lists no signing keys.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"Signing keys are not loaded from {identity.Value.ToBotFromChannelOpenIdMetadataUrl}: {exception.GetType().Name}.");
        }
    }
}
