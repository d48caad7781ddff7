using Microsoft.Extensions.DependencyInjection.Extensions;
using SocialBot.Bot.Turns.Routing;

namespace SocialBot.Bot.Features.Digest;

internal static class DigestServiceCollectionExtensions
{
    /// <summary>The <c>digest</c> command, the digest card's refresh and the scheduler that sends due digests. Needs <c>AddStateStore</c>.</summary>
    public static IServiceCollection AddDigest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DigestOptions>()
            .Bind(configuration.GetSection(DigestOptions.Section))
            .Validate(o => DigestSchedule.TryResolveZone(o.DefaultTimeZone, out _), "Digest:DefaultTimeZone must be an IANA or Windows time zone.")
            .Validate(o => o.MaxLateness >= TimeSpan.Zero, "Digest:MaxLateness must not be negative.")
            .Validate(o => o.ClaimLease >= TimeSpan.FromSeconds(10), "Digest:ClaimLease must be at least 10 seconds.")
            .Validate(o => o.PollInterval > TimeSpan.Zero, "Digest:PollInterval must be positive.")
            .Validate(o => o.FanOut is >= 1 and <= 256, "Digest:FanOut must be between 1 and 256.")
            .Validate(o => o.BatchSize is >= 1 and <= 100_000, "Digest:BatchSize must be between 1 and 100000.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DigestSubscriptionStore>();
        services.TryAddSingleton<DigestComposer>();
        services.AddSingleton<ICommand, DigestCommand>();
        services.AddSingleton<ICardActionHandler, DigestRefreshHandler>();
        services.TryAddSingleton<DigestDispatcher>();
        services.AddHostedService<DigestScheduler>();
        return services;
    }
}
