using SocialBot.Bot.Features.Drafts;

namespace SocialBot.Bot.Features.Approvals;

/// <summary>
/// Approved/Scheduled → Frozen for every such request of the tenant; an approver re-approves on the card. Each change
/// queues its card update in the same transaction, and that follow-up also catches the draft's status up if the
/// process dies before writing it here.
/// </summary>
internal sealed class ScheduledPostFreezer(ApprovalRequestStore requests, IDraftStore drafts, ApprovalFollowUpQueue followUps, ApprovalPolicyStore policies, TimeProvider clock) : IScheduledPostFreezer
{
    public async Task<bool> MayFreezeAsync(string tenantId, DraftPerson person, CancellationToken ct) =>
        (await policies.GetAsync(tenantId, ct)).CanManage(person);

    public async Task<int> UnfreezeAsync(string tenantId, DraftPerson actor, CancellationToken ct)
    {
        var released = 0;
        foreach (var member in await requests.RangeAsync(tenantId, "approved", ct: ct))
        {
            for (var attempt = 0; attempt < 10; attempt++)
            {
                var stored = await requests.GetAsync(tenantId, member.Member, ct);
                if (stored?.Value is not { State: ApprovalState.Frozen } request)
                {
                    break;
                }

                var now = clock.GetUtcNow();
                var scheduled = request.PublishAt is { } at && at > now;
                var next = request with { State = scheduled ? ApprovalState.Scheduled : ApprovalState.Approved, Decision = new ApprovalDecisionRecord(ApprovalAction.Approve, actor, now, "released after the spike") };
                if (!await requests.TrySaveAsync(next, stored.Version, [CardUpdate(request)], ct))
                {
                    continue;
                }

                await drafts.TryTransitionAsync(
                    tenantId,
                    request.DraftId,
                    new HashSet<DraftStatus> { DraftStatus.Frozen },
                    scheduled ? DraftStatus.Scheduled : DraftStatus.Approved,
                    new DraftHistoryEntry(now, "unfrozen", actor, request.ContentVersion, null),
                    ct);
                released++;
                break;
            }
        }

        return released;
    }

    public async Task<int> FreezeAsync(string tenantId, DraftPerson actor, string reason, CancellationToken ct)
    {
        var frozen = 0;
        foreach (var member in await requests.RangeAsync(tenantId, "approved", ct: ct))
        {
            for (var attempt = 0; attempt < 10; attempt++)
            {
                var stored = await requests.GetAsync(tenantId, member.Member, ct);
                if (stored?.Value is not { State: ApprovalState.Approved or ApprovalState.Scheduled } request)
                {
                    break;
                }

                var now = clock.GetUtcNow();
                var next = request with { State = ApprovalState.Frozen, Decision = new ApprovalDecisionRecord(ApprovalAction.Approve, actor, now, reason) };
                if (!await requests.TrySaveAsync(next, stored.Version, [CardUpdate(request)], ct))
                {
                    continue;
                }

                await drafts.TryTransitionAsync(
                    tenantId,
                    request.DraftId,
                    new HashSet<DraftStatus> { DraftStatus.Approved, DraftStatus.Scheduled },
                    DraftStatus.Frozen,
                    new DraftHistoryEntry(now, "frozen", actor, request.ContentVersion, reason),
                    ct);
                frozen++;
                break;
            }
        }

        return frozen;
    }

    private ApprovalFollowUp CardUpdate(ApprovalRequest request) =>
        followUps.ForFanout(new ApprovalFanoutWork(request.TenantId, request.DraftId, ApprovalFanoutKind.Decided, ApprovalOutcome.Recorded));
}
