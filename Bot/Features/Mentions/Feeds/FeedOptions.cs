namespace SocialBot.Bot.Features.Mentions.Feeds;

/// <summary>The feed settings of the <c>Mentions:*</c> section (<c>track feed</c>).</summary>
internal sealed class FeedOptions
{
    /// <summary>How often each followed feed is fetched (conditional requests make an unchanged feed cheap).</summary>
    public TimeSpan FeedPollInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Feeds one conversation may follow.</summary>
    public int MaxFeedsPerConversation { get; set; } = 10;

    /// <summary>One fetch, headers and body, must finish within this.</summary>
    public TimeSpan FeedTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A failing feed is retried after interval × 2^failures, never later than this.</summary>
    public TimeSpan FeedMaxBackoff { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Let <c>track feed</c> follow loopback and private-network addresses (tests, intranet feeds). Off by default: the bot's own network is not the users' to browse.</summary>
    public bool AllowPrivateFeedAddresses { get; set; }

    /// <summary>Run the background poller on this instance (false: this instance only answers <c>track feed</c>).</summary>
    public bool RunFeedPoller { get; set; } = true;
}
