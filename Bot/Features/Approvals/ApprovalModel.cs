using SocialBot.Bot.Features.Drafts;
using SocialBot.Bot.Protocol.Schema;
using SocialBot.Bot.Turns;

namespace SocialBot.Bot.Features.Approvals;

internal enum ApprovalMode
{
    Any,
    All,
}

/// <summary>One stage of the policy; approvers are identified by Entra object id (<see cref="DraftPerson.Id"/>).</summary>
internal sealed record ApprovalStage(string Name, IReadOnlyList<DraftPerson> Approvers, ApprovalMode Mode, TimeSpan Sla, TimeSpan UrgentSla)
{
    public bool IsApprover(DraftPerson person) => Approvers.Any(a => ApproverIdentity.Same(a, person));
}

/// <summary>
/// Identity by ids only, never names: the Entra object id, or the Teams channel id when an approver was added from a mention
/// (mention entities carry the <c>29:</c> id, not the Entra id).
/// </summary>
internal static class ApproverIdentity
{
    public static bool Same(DraftPerson a, DraftPerson b) =>
        Eq(a.Id, b.Id) || Eq(a.ChannelAccountId, b.ChannelAccountId) || Eq(a.Id, b.ChannelAccountId) || Eq(a.ChannelAccountId, b.Id);

    private static bool Eq(string? x, string? y) => !string.IsNullOrEmpty(x) && string.Equals(x, y, StringComparison.Ordinal);
}

/// <summary>
/// Which policy a turn or a request uses: the team's own policy when the team has one (<c>channelData.team.id</c>),
/// otherwise the tenant default (personal and group chats, teams without their own policy).
/// </summary>
internal readonly record struct PolicyScope(string TenantId, string? TeamId)
{
    public static PolicyScope Default(string tenantId) => new(tenantId, null);

    public static PolicyScope Of(TurnContext turn) => new(turn.TenantId, turn.Activity.ChannelData?.Team?.Id is { Length: > 0 } team ? team : null);
}

/// <summary>A team's (or the tenant default) approval policy, stored as one document and changed with compare-and-set.</summary>
internal sealed record ApprovalPolicy(
    IReadOnlyList<ApprovalStage> Stages,
    IReadOnlyList<string> Admins,
    ConversationReference? Channel,
    bool AllowSelfApproval,
    ConversationReference? AnyReference = null)
{
    public const int MaxStages = 5;

    /// <summary>Who last changed the policy, and when (shown on the settings card).</summary>
    public DraftPerson? UpdatedBy { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>The team's display name, for a team's own policy.</summary>
    public string? TeamName { get; init; }

    public bool IsApprover(DraftPerson person) => Stages.Any(s => s.IsApprover(person));

    public bool IsAdmin(DraftPerson person) =>
        Admins.Any(a => string.Equals(a, person.Id, StringComparison.Ordinal) || string.Equals(a, person.ChannelAccountId, StringComparison.Ordinal));

    public bool CanManage(DraftPerson person) => IsAdmin(person) || IsApprover(person);

    /// <summary>
    /// Fills in the Teams channel id (and name) of a configured approver who is known only by Entra id, so user-specific
    /// views and 1:1 chats reach them; null when there is nothing to learn.
    /// </summary>
    public ApprovalPolicy? Learn(DraftPerson person)
    {
        if (string.IsNullOrEmpty(person.ChannelAccountId) ||
            !Stages.Any(s => s.Approvers.Any(a => ApproverIdentity.Same(a, person) && (a.ChannelAccountId is null || a.Name is null))))
        {
            return null;
        }

        return this with
        {
            Stages = Stages.Select(s => s with
            {
                Approvers = s.Approvers
                    .Select(a => ApproverIdentity.Same(a, person) ? new DraftPerson(person.Id, person.ChannelAccountId, person.Name ?? a.Name) : a)
                    .ToList(),
            }).ToList(),
        };
    }

    public IEnumerable<DraftPerson> AllApprovers => Stages.SelectMany(s => s.Approvers).DistinctBy(a => a.Id);
}

internal enum ApprovalState
{
    Pending,
    Approved,
    Scheduled,
    ChangesRequested,
    Rejected,
    Withdrawn,
    Expired,
    Published,
    Frozen,
}

internal enum ApprovalAction
{
    Approve,
    RequestChanges,
    Reject,
    Withdraw,
    MarkPublished,
}

internal sealed record ApprovalDecisionRecord(ApprovalAction Action, DraftPerson Actor, DateTimeOffset At, string? Comment);

/// <summary>A card the bot posted for this request, to update in place.</summary>
internal sealed record ApprovalCardPost(ConversationReference Reference, string ActivityId);

/// <summary>The approval state of one draft. <see cref="ContentVersion"/> is the version under review.</summary>
internal sealed record ApprovalRequest
{
    public required string TenantId { get; init; }

    public required string DraftId { get; init; }

    public required DraftPerson Author { get; init; }

    /// <summary>The team whose own policy decides this request; null for the tenant default (fixed at submission).</summary>
    public string? PolicyTeamId { get; init; }

    public PolicyScope PolicyScope => new(TenantId, PolicyTeamId);

    public required int ContentVersion { get; init; }

    /// <summary>Text of the version approvers saw before this one (for the diff).</summary>
    public string? PreviousText { get; init; }

    public required ApprovalState State { get; init; }

    public int StageIndex { get; init; }

    /// <summary>Approvers who agreed in the current stage (mode all).</summary>
    public IReadOnlyList<DraftPerson> StageApprovals { get; init; } = [];

    public ApprovalDecisionRecord? Decision { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }

    public DateTimeOffset? PublishAt { get; init; }

    public bool Urgent { get; init; }

    public IReadOnlyList<ApprovalCardPost> Posts { get; init; } = [];

    public string? PublishedUrl { get; init; }

    public bool IsOpen => State == ApprovalState.Pending;
}

internal enum ApprovalOutcome
{
    /// <summary>Nothing changed: the presser may not do this (message says why).</summary>
    Refused,

    /// <summary>Nothing changed: the card was for an older version or the request was already decided.</summary>
    Stale,

    /// <summary>A vote was recorded; the stage still waits for others (mode all).</summary>
    Recorded,

    /// <summary>The stage approved; the next stage is asked now.</summary>
    StageAdvanced,

    /// <summary>The request reached a new state.</summary>
    Decided,
}

internal sealed record ApprovalResult(ApprovalOutcome Outcome, ApprovalRequest Request, string Message)
{
    public bool Changed => Outcome is ApprovalOutcome.Recorded or ApprovalOutcome.StageAdvanced or ApprovalOutcome.Decided;
}
