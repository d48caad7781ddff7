using Microsoft.Extensions.Options;

namespace SocialBot.Bot.Features.Mentions.Feeds;

internal static class FeedsServiceCollectionExtensions
{
    /// <summary>
    /// <c>track feed</c>: the feed store, the named HTTP client (private addresses refused at connect time unless
    /// <c>Mentions:AllowPrivateFeedAddresses</c>), the fetcher and, unless <c>Mentions:RunFeedPoller</c> is false, the poller.
    /// </summary>
    public static IServiceCollection AddMentionFeeds(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FeedOptions>()
            .Bind(configuration.GetSection(MentionsOptions.Section))
            .Validate(o => o.FeedPollInterval >= TimeSpan.FromSeconds(1), "Mentions:FeedPollInterval must be at least one second (default 10 minutes).")
            .Validate(o => o.MaxFeedsPerConversation is >= 1 and <= 100, "Mentions:MaxFeedsPerConversation must be between 1 and 100 (default 10).")
            .Validate(o => o.FeedTimeout >= TimeSpan.FromMilliseconds(100) && o.FeedTimeout <= TimeSpan.FromMinutes(2), "Mentions:FeedTimeout must be between 0.1 seconds and 2 minutes (default 10 seconds).")
            .Validate(o => o.FeedMaxBackoff >= o.FeedPollInterval, "Mentions:FeedMaxBackoff must not be shorter than Mentions:FeedPollInterval (default 6 hours).")
            .ValidateOnStart();
        services.AddSingleton<FeedStore>();
        services.AddHttpClient(FeedFetcher.HttpClientName, client =>
            {
                // FeedFetcher's own deadline covers headers and body; this one would only cover the headers.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("SocialBot-FeedReader/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(sp => FeedConnections.Handler(sp.GetRequiredService<IOptions<FeedOptions>>().Value.AllowPrivateFeedAddresses));
        services.AddSingleton<FeedFetcher>();
        services.AddSingleton<FeedPoller>();
        services.AddSingleton<FeedTracker>();
        if (configuration.GetValue(MentionsOptions.Section + ":" + nameof(FeedOptions.RunFeedPoller), defaultValue: true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<FeedPoller>());
        }

        return services;
    }
}
