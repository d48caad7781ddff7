using SocialBot.Bot.Features.Drafts.Rules;

namespace SocialBot.Bot.Features.Drafts;

/// <summary>Where a draft stands. Persist the name, not the number.</summary>
internal enum DraftStatus
{
    Draft,
    Submitted,
    ChangesRequested,
    Approved,
    Scheduled,
    Rejected,
    Withdrawn,
    Expired,
    Published,
    Frozen,
}

/// <summary>Identity is the Entra object id; the Teams channel account id is kept to open 1:1 chats.</summary>
internal sealed record DraftPerson(string Id, string? ChannelAccountId, string? Name);

/// <summary>One version of what the author wants to post.</summary>
internal sealed record DraftContent
{
    public required string Text { get; init; }

    public required IReadOnlyList<SocialNetwork> Networks { get; init; }

    public string? Link { get; init; }

    public IReadOnlyList<PostImage> Images { get; init; } = [];

    public DateTimeOffset? PublishAt { get; init; }

    /// <summary>IANA zone the publish time was entered in, for display ("Tue 10:00 CET").</summary>
    public string? TimeZone { get; init; }

    public string? Campaign { get; init; }

    public string? NotesToReviewer { get; init; }

    public bool Urgent { get; init; }

    public bool Sponsored { get; init; }

    public PostContent ToPostContent() => new()
    {
        Text = Text,
        Networks = Networks,
        Link = Link,
        Images = Images,
        PublishAt = PublishAt,
        Sponsored = Sponsored,
        Urgent = Urgent,
        Campaign = Campaign,
        NotesToReviewer = NotesToReviewer,
    };
}

/// <summary>Where a draft came from, when not typed from scratch.</summary>
/// <param name="TeamId">The Teams team (<c>channelData.team.id</c>) the draft was written in, if any: Approvals uses that team's policy.</param>
internal sealed record DraftOrigin(string? ConversationId = null, string? SourceMessageUrl = null, string? ReplyToUrl = null, string? TeamId = null);

/// <summary>A draft as stored: <see cref="ContentVersion"/> grows on every edit of <see cref="Content"/>.</summary>
internal sealed record Draft(
    string TenantId,
    string Id,
    DraftPerson Author,
    DraftContent Content,
    int ContentVersion,
    DraftStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DraftOrigin Origin);

/// <summary>One line of a draft's timeline (<c>history P-42</c>). <see cref="Kind"/> is a stable lower-case word.</summary>
internal sealed record DraftHistoryEntry(DateTimeOffset At, string Kind, DraftPerson? Actor, int ContentVersion, string? Detail = null);
