namespace SocialBot.Bot.Ingestion;

/// <summary>Where a mention was seen (PRODUCT.md "Mentions": the <c>source</c> field).</summary>
internal enum MentionSource
{
    X,
    LinkedIn,
    Instagram,
    Facebook,
    Threads,
    Bluesky,
    Mastodon,
    Reddit,
    News,
    Blog,
    Review,
    Other,
}

internal sealed record MentionAuthor(string? Handle, string? Name, long? Followers);

internal sealed record MentionMetrics(long Likes, long Shares, long Replies);

/// <summary>One mention as accepted by <c>POST /api/mentions</c> or read from a feed, before matching and scoring.</summary>
internal sealed record IncomingMention
{
    public required string TenantId { get; init; }
    public required string Id { get; init; }
    public required MentionSource Source { get; init; }
    public string? Url { get; init; }
    public required MentionAuthor Author { get; init; }
    public required string Text { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string? Lang { get; init; }
    public MentionMetrics? Metrics { get; init; }

    /// <summary>Set for feed items: the conversation that ran <c>track feed</c>.</summary>
    public string? FeedConversationId { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }
}
