namespace SocialBot.Bot.Features.Digest;

/// <summary>What a digest covers: one conversation's tenant, the instant it is built, and the subscriber's local day.</summary>
internal sealed record DigestQuery(string TenantId, string ConversationId, DateTimeOffset Now, TimeZoneInfo TimeZone);

/// <summary>Approvals implements it.</summary>
internal interface IDigestApprovalsSource
{
    Task<ApprovalsDigestSection> GetAsync(DigestQuery query, CancellationToken ct);
}

/// <summary>Approvals implements it (approved posts with a publish time on the local day).</summary>
internal interface IDigestPublishingSource
{
    Task<PublishingDigestSection> GetAsync(DigestQuery query, CancellationToken ct);
}

/// <summary>Mentions implements it (the 24 hours before <see cref="DigestQuery.Now"/>).</summary>
internal interface IDigestMentionsSource
{
    Task<MentionsDigestSection> GetAsync(DigestQuery query, CancellationToken ct);
}

/// <summary>Trends implements it with the trends engine (24 h window, top 3).</summary>
internal interface IDigestTrendsSource
{
    Task<TrendsDigestSection> GetAsync(DigestQuery query, CancellationToken ct);
}

/// <param name="WaitingByApprover">Entra object id → items waiting for that person's decision (the per-viewer line).</param>
/// <param name="WaitingApproverChannelIds">
/// Teams ids (<c>29:…</c>) of those approvers, most waiting first: what <c>refresh.userIds</c> needs, which does not
/// take Entra object ids. Approvers whose Teams id is not known yet are left out (they can still press Refresh).
/// </param>
internal sealed record ApprovalsDigestSection(
    int Waiting,
    TimeSpan? OldestWaiting,
    int ExpiringToday,
    int DecidedYesterday,
    TimeSpan? MedianTurnaround,
    IReadOnlyDictionary<string, int> WaitingByApprover,
    IReadOnlyList<string>? WaitingApproverChannelIds = null);

internal sealed record PublishingDigestSection(IReadOnlyList<ScheduledPostLine> ScheduledToday);

internal sealed record ScheduledPostLine(string DraftId, string Excerpt, DateTimeOffset PublishAt, IReadOnlyList<string> Networks);

internal sealed record MentionsDigestSection(
    int Total,
    int High,
    int Normal,
    int Low,
    int Positive,
    int Neutral,
    int Negative,
    int Unhandled,
    TimeSpan? MedianTimeToHandle,
    IReadOnlyList<MentionDigestLine> Top);

internal sealed record MentionDigestLine(string Source, string AuthorName, long Followers, string Excerpt, string? Url, string Priority);

internal sealed record TrendsDigestSection(IReadOnlyList<TrendDigestLine> Top);

/// <param name="Change">Already formatted: "+340%" or "new".</param>
internal sealed record TrendDigestLine(string Term, long Count, string Change);
