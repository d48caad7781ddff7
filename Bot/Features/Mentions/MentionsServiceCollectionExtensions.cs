using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SocialBot.Bot.Features.Digest;
using SocialBot.Bot.Features.Mentions.Feeds;
using SocialBot.Bot.Features.Mentions.Scoring;
using SocialBot.Bot.Features.Mentions.Spikes;
using SocialBot.Bot.Ingestion;
using SocialBot.Bot.Turns.Routing;

namespace SocialBot.Bot.Features.Mentions;

internal static class MentionsServiceCollectionExtensions
{
    /// <summary>
    /// The Mentions slice: rules, scoring, the processor behind the ingestion worker, alerts and batches, commands and
    /// card buttons, and the digest's mentions section. Needs <c>AddStateStore</c>, <c>AddMentionIngestion</c> and <c>AddTrends</c>.
    /// </summary>
    public static IServiceCollection AddMentions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MentionsOptions>()
            .Bind(configuration.GetSection(MentionsOptions.Section))
            .Validate(o => o.BatchInterval >= TimeSpan.FromMinutes(1), "Mentions:BatchInterval must be at least one minute.")
            .Validate(o => o.MaxAlertsPerHour > 0, "Mentions:MaxAlertsPerHour must be positive.")
            .Validate(o => o.BatchPollInterval > TimeSpan.Zero, "Mentions:BatchPollInterval must be positive.")
            .Validate(o => (o.QuietHoursStart is null) == (o.QuietHoursEnd is null), "Set both Mentions:QuietHoursStart and Mentions:QuietHoursEnd (e.g. 22:00 and 07:00), or neither.")
            .Validate(o => string.IsNullOrWhiteSpace(o.QuietHoursTimeZone) || TimeZoneInfo.TryFindSystemTimeZoneById(o.QuietHoursTimeZone, out _), "Mentions:QuietHoursTimeZone is not a known time zone (use an IANA name such as Europe/Berlin).")
            .Validate(o => o.SpikeSensitivity is > 0 and <= 20, "Mentions:SpikeSensitivity must be between 0 and 20 (default 3).")
            .Validate(o => o.SpikeMinimumVolume >= 1, "Mentions:SpikeMinimumVolume must be at least 1.")
            .Validate(o => o.SpikeCooldown >= TimeSpan.FromMinutes(1), "Mentions:SpikeCooldown must be at least one minute.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<MentionsOptions>>().Value.QuietHours(configuration["Digest:DefaultTimeZone"]));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<MentionRuleStore>();
        services.AddSingleton<MentionStore>();
        services.AddSingleton<MentionScorer>();
        services.AddSingleton<MentionPresenter>();
        services.AddSingleton<MentionDelivery>();
        services.AddSingleton<RuleVolume>();
        services.AddMentionFeeds(configuration);
        services.AddSingleton<SpikeWatcher>();
        services.AddSingleton<RuleTracker>();
        services.RemoveAll<IMentionProcessor>();
        services.AddSingleton<IMentionProcessor, MentionProcessor>();
        services.AddSingleton<MentionBatchWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<MentionBatchWorker>());

        services.AddSingleton<ICommand, TrackCommand>();
        services.AddSingleton<ICommand, UntrackCommand>();
        services.AddSingleton<ICommand, TrackingCommand>();
        services.AddSingleton<ICommand, MentionsCommand>();
        services.AddSingleton<ICardActionHandler, TrackThisButton>();
        foreach (var verb in MentionButton.Verbs)
        {
            services.AddSingleton<ICardActionHandler>(sp => new MentionButton(
                verb,
                sp.GetRequiredService<MentionStore>(),
                sp.GetRequiredService<MentionDelivery>(),
                sp.GetRequiredService<MentionPresenter>(),
                sp.GetRequiredService<TimeProvider>()));
        }

        foreach (var verb in SpikeButton.Verbs)
        {
            services.AddSingleton<ICardActionHandler>(sp => ActivatorUtilities.CreateInstance<SpikeButton>(sp, verb));
        }

        services.AddSingleton<IDigestMentionsSource, MentionsDigestSource>();
        return services;
    }
}
