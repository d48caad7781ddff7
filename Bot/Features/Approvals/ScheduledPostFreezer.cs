using SocialBot.Bot.Features.Drafts;

namespace SocialBot.Bot.Features.Approvals;

/// <summary>Approved/Scheduled → Frozen for every such request of the tenant; an approver re-approves on the card.</summary>
internal sealed class ScheduledPostFreezer(ApprovalRequestStore requests, IDraftStore drafts, ApprovalFanout fanout, TimeProvider clock) : IScheduledPostFreezer
{
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
                if (!await requests.TrySaveAsync(next, stored.Version, ct))
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
                fanout.Enqueue(new ApprovalFanoutWork(tenantId, request.DraftId, ApprovalFanoutKind.Decided, ApprovalOutcome.Recorded));
                frozen++;
                break;
            }
        }

        return frozen;
    }
}
