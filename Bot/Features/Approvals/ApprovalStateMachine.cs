using SocialBot.Bot.Features.Drafts;

namespace SocialBot.Bot.Features.Approvals;

/// <summary>
/// The pure decision rules: Pending → (each stage in order) → Approved | Scheduled | ChangesRequested | Rejected | Withdrawn;
/// Approved/Scheduled → Published | Frozen; Frozen → (re-approve) Approved/Scheduled. No I/O: the caller stores the result with CAS.
/// </summary>
internal static class ApprovalStateMachine
{
    public static ApprovalResult Apply(ApprovalRequest request, ApprovalPolicy policy, DraftPerson actor, ApprovalAction action, string? comment, int? cardVersion, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(actor);
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        var isAuthor = ApproverIdentity.Same(actor, request.Author);

        switch (action)
        {
            case ApprovalAction.Withdraw:
                if (!isAuthor)
                {
                    return Refuse(request, "Only the author can withdraw this post.");
                }

                return request.State is ApprovalState.Pending or ApprovalState.ChangesRequested
                    ? Decide(request with { State = ApprovalState.Withdrawn, Decision = new(action, actor, now, null) }, "You withdrew the post.")
                    : Stale(request);

            case ApprovalAction.MarkPublished:
                if (!policy.IsApprover(actor) && !policy.IsAdmin(actor) && !isAuthor)
                {
                    return Refuse(request, "Only approvers, admins or the author can mark this post as published.");
                }

                return request.State is ApprovalState.Approved or ApprovalState.Scheduled
                    ? Decide(request with { State = ApprovalState.Published, Decision = new(action, actor, now, null), PublishedUrl = comment }, "Marked as published.")
                    : Stale(request);
        }

        if (!policy.IsApprover(actor))
        {
            return Refuse(request, "Only approvers can decide on posts. Ask an admin to add you with **approvers add @you**.");
        }

        if (isAuthor && !policy.AllowSelfApproval)
        {
            return Refuse(request, "You can't decide on your own post. Another approver needs to do it.");
        }

        if (request.State == ApprovalState.Frozen && action == ApprovalAction.Approve)
        {
            var unfrozen = request.PublishAt is null ? ApprovalState.Approved : ApprovalState.Scheduled;
            return Decide(request with { State = unfrozen, Decision = new(action, actor, now, null) }, "Re-approved: the post is no longer frozen.");
        }

        if (request.State != ApprovalState.Pending || (cardVersion is { } v && v != request.ContentVersion))
        {
            return Stale(request);
        }

        var stage = policy.Stages.Count == 0 ? null : policy.Stages[Math.Min(request.StageIndex, policy.Stages.Count - 1)];
        if (stage is null || !stage.IsApprover(actor))
        {
            return Refuse(request, stage is null
                ? "There is no approval stage configured."
                : $"This post is waiting for the {stage.Name} stage; you'll be asked when it's your turn.");
        }

        switch (action)
        {
            case ApprovalAction.RequestChanges:
                return comment is null
                    ? Refuse(request, "Please say what the author should change.")
                    : Decide(request with { State = ApprovalState.ChangesRequested, Decision = new(action, actor, now, comment) }, "Changes requested; the author was told.");
            case ApprovalAction.Reject:
                return comment is null
                    ? Refuse(request, "Please give a reason for the rejection.")
                    : Decide(request with { State = ApprovalState.Rejected, Decision = new(action, actor, now, comment) }, "Rejected; the author was told.");
        }

        if (request.StageApprovals.Any(a => ApproverIdentity.Same(a, actor)))
        {
            return Stale(request);
        }

        var approvals = request.StageApprovals.Append(actor).ToList();
        var needed = stage.Approvers.Where(a => policy.AllowSelfApproval || !ApproverIdentity.Same(a, request.Author)).ToList();
        var stageDone = stage.Mode == ApprovalMode.Any || needed.All(n => approvals.Any(a => ApproverIdentity.Same(a, n)));
        if (!stageDone)
        {
            var left = needed.Count(n => !approvals.Any(a => ApproverIdentity.Same(a, n)));
            return new(ApprovalOutcome.Recorded, request with { StageApprovals = approvals }, $"Thanks, your approval is recorded. Waiting for {left} more.");
        }

        if (request.StageIndex + 1 < policy.Stages.Count)
        {
            var next = policy.Stages[request.StageIndex + 1];
            return new(
                ApprovalOutcome.StageAdvanced,
                request with { StageIndex = request.StageIndex + 1, StageApprovals = [], Decision = new(action, actor, now, null) },
                $"{stage.Name} approved; now waiting for {next.Name}.");
        }

        var final = request.PublishAt is null ? ApprovalState.Approved : ApprovalState.Scheduled;
        return Decide(request with { State = final, StageApprovals = approvals, Decision = new(action, actor, now, null) }, "Approved; the author was told.");
    }

    public static DraftStatus ToDraftStatus(ApprovalState state) => state switch
    {
        ApprovalState.Pending => DraftStatus.Submitted,
        ApprovalState.Approved => DraftStatus.Approved,
        ApprovalState.Scheduled => DraftStatus.Scheduled,
        ApprovalState.ChangesRequested => DraftStatus.ChangesRequested,
        ApprovalState.Rejected => DraftStatus.Rejected,
        ApprovalState.Withdrawn => DraftStatus.Withdrawn,
        ApprovalState.Expired => DraftStatus.Expired,
        ApprovalState.Published => DraftStatus.Published,
        ApprovalState.Frozen => DraftStatus.Frozen,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    private static ApprovalResult Refuse(ApprovalRequest request, string message) => new(ApprovalOutcome.Refused, request, message);

    private static ApprovalResult Stale(ApprovalRequest request) =>
        new(ApprovalOutcome.Stale, request, "This card was out of date; here is where the post stands now.");

    private static ApprovalResult Decide(ApprovalRequest request, string message) => new(ApprovalOutcome.Decided, request, message);
}
