using System.Text.Json;
using SocialBot.Bot.State;

namespace SocialBot.Bot.Features.Approvals;

/// <summary>
/// Approval requests (<c>{tenant}:approvals:request:&lt;draft&gt;</c>) with compare-and-set, and sorted-set indexes written in
/// the same transaction: <c>pending</c> (by submit time), <c>approved</c> (Approved/Scheduled, by publish time or decision time),
/// <c>decided</c> (by decision time).
/// </summary>
internal sealed class ApprovalRequestStore(IStateStore store, ApprovalFollowUpQueue followUps)
{
    public async Task<Versioned<ApprovalRequest>?> GetAsync(string tenantId, string draftId, CancellationToken ct) =>
        await store.GetAsync(Key(tenantId, draftId), ApprovalsJsonContext.Default.ApprovalRequest, ct);

    /// <summary>Writes <paramref name="request"/> only if the stored version is still <paramref name="expectedVersion"/> (0: absent).</summary>
    public Task<bool> TrySaveAsync(ApprovalRequest request, long expectedVersion, CancellationToken ct) =>
        TrySaveAsync(request, expectedVersion, [], ct);

    /// <summary>
    /// Like <see cref="TrySaveAsync(ApprovalRequest, long, CancellationToken)"/>, and queues <paramref name="then"/> in the
    /// same transaction: the follow-ups exist exactly when the new state does.
    /// </summary>
    public async Task<bool> TrySaveAsync(ApprovalRequest request, long expectedVersion, IReadOnlyList<ApprovalFollowUp> then, CancellationToken ct)
    {
        if (then.Count > 0)
        {
            await followUps.RegisterTenantAsync(request.TenantId, ct);
        }

        var transaction = Transaction(request, expectedVersion);
        foreach (var item in then)
        {
            ApprovalFollowUpQueue.AddTo(transaction, item);
        }

        if (!await store.CommitAsync(transaction, ct))
        {
            return false;
        }

        if (then.Count > 0)
        {
            followUps.Nudge();
        }

        return true;
    }

    private static StoreTransaction Transaction(ApprovalRequest request, long expectedVersion)
    {
        var tenant = StoreKey.TenantOrDefault(request.TenantId);
        var key = Key(request.TenantId, request.DraftId);
        var transaction = new StoreTransaction();
        transaction = expectedVersion == 0 ? transaction.RequireAbsent(key) : transaction.RequireVersion(key, expectedVersion);
        transaction.PutDocument(key, JsonSerializer.SerializeToUtf8Bytes(request, ApprovalsJsonContext.Default.ApprovalRequest));
        if (request.State == ApprovalState.Pending)
        {
            transaction.SortedSetAdd(Index(tenant, "pending"), request.DraftId, request.SubmittedAt.ToUnixTimeMilliseconds());
            transaction.SortedSetRemove(Index(tenant, "decided"), request.DraftId);
        }
        else
        {
            transaction.SortedSetRemove(Index(tenant, "pending"), request.DraftId);
            if (request.Decision is { } decision && request.State is not ApprovalState.Frozen)
            {
                transaction.SortedSetAdd(Index(tenant, "decided"), request.DraftId, decision.At.ToUnixTimeMilliseconds());
            }
        }

        // Frozen posts stay in the index: they are still approved-but-unpublished, waiting to be released.
        if (request.State is ApprovalState.Approved or ApprovalState.Scheduled or ApprovalState.Frozen)
        {
            var score = (request.PublishAt ?? request.Decision?.At ?? request.SubmittedAt).ToUnixTimeMilliseconds();
            transaction.SortedSetAdd(Index(tenant, "approved"), request.DraftId, score);
        }
        else
        {
            transaction.SortedSetRemove(Index(tenant, "approved"), request.DraftId);
        }

        return transaction;
    }

    /// <summary>Draft ids in an index (<c>pending</c>, <c>approved</c>, <c>decided</c>), ascending by score.</summary>
    public async Task<IReadOnlyList<ScoredMember>> RangeAsync(string tenantId, string index, double min = double.NegativeInfinity, double max = double.PositiveInfinity, CancellationToken ct = default) =>
        await store.SortedSetRangeByScoreAsync(Index(StoreKey.TenantOrDefault(tenantId), index), min, max, StoreOrder.Ascending, 0, 1000, ct);

    public Task<IReadOnlyList<ApprovalRequest>> LoadAsync(string tenantId, IEnumerable<ScoredMember> members, CancellationToken ct) =>
        store.GetExistingAsync([.. members.Select(member => Key(tenantId, member.Member))], ApprovalsJsonContext.Default.ApprovalRequest, ct);

    private static StoreKey Key(string tenantId, string draftId) =>
        StoreKey.For(StoreKey.TenantOrDefault(tenantId), "approvals", "request", StoreKey.Digest(draftId));

    private static StoreKey Index(string tenant, string name) => StoreKey.For(tenant, "approvals", name);
}
