using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SocialBot.Bot.Observability.Health;
using SocialBot.Bot.State;

namespace SocialBot.Bot.Features.Approvals;

internal enum ApprovalFollowUpKind
{
    /// <summary>Post or update the cards and tell people (<see cref="ApprovalFanout"/>).</summary>
    Fanout,

    /// <summary>POST the approval webhook (<see cref="ApprovalWebhook"/>).</summary>
    Webhook,
}

/// <summary>Work that must happen after a decision even if this instance dies: one document in the tenant's due-queue.</summary>
internal sealed record ApprovalFollowUp
{
    public required string Id { get; init; }

    public required string TenantId { get; init; }

    public required string DraftId { get; init; }

    public required ApprovalFollowUpKind Kind { get; init; }

    public ApprovalFanoutWork? Fanout { get; init; }

    public ApprovalWebhookPayload? Webhook { get; init; }

    /// <summary>Failed attempts so far.</summary>
    public int Attempt { get; init; }

    public required DateTimeOffset DueAt { get; init; }
}

/// <summary>
/// The durable due-queue of approval follow-ups, one per tenant: <c>{tenant}:approvals:followups</c> (item ids scored by due
/// time) and <c>{tenant}:approvals:followup:&lt;id&gt;</c> (the item). Items are written in the same transaction as the
/// decision they follow (<see cref="ApprovalRequestStore.TrySaveAsync(ApprovalRequest, long, IReadOnlyList{ApprovalFollowUp}, CancellationToken)"/>),
/// so a crash right after a decision cannot lose its card update or webhook. Tenants with queues are listed in
/// <c>{global}:approvals:followup-tenants</c> (written before the first item, never removed) so a worker finds them.
/// </summary>
internal sealed class ApprovalFollowUpQueue(IStateStore store, TimeProvider clock)
{
    private static readonly StoreKey Tenants = StoreKey.Global("approvals", "followup-tenants");
    private readonly ConcurrentDictionary<string, bool> registered = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim signal = new(0, 1);

    public ApprovalFollowUp ForFanout(ApprovalFanoutWork work) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        TenantId = work.TenantId,
        DraftId = work.DraftId,
        Kind = ApprovalFollowUpKind.Fanout,
        Fanout = work,
        DueAt = clock.GetUtcNow(),
    };

    public ApprovalFollowUp ForWebhook(ApprovalWebhookPayload payload) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        TenantId = payload.TenantId,
        DraftId = payload.DraftId,
        Kind = ApprovalFollowUpKind.Webhook,
        Webhook = payload,
        DueAt = clock.GetUtcNow(),
    };

    /// <summary>Lists the tenant for the workers; call before committing a transaction that adds items.</summary>
    public async Task RegisterTenantAsync(string tenantId, CancellationToken ct)
    {
        var tenant = StoreKey.TenantOrDefault(tenantId);
        if (!registered.ContainsKey(tenant))
        {
            await store.SortedSetAddAsync(Tenants, tenant, 0, ct);
            registered[tenant] = true;
        }
    }

    /// <summary>Adds the item's writes to a transaction of the same tenant.</summary>
    public static void AddTo(StoreTransaction transaction, ApprovalFollowUp item)
    {
        var tenant = StoreKey.TenantOrDefault(item.TenantId);
        transaction.PutDocument(ItemKey(tenant, item.Id), JsonSerializer.SerializeToUtf8Bytes(item, ApprovalsJsonContext.Default.ApprovalFollowUp));
        transaction.SortedSetAdd(QueueKey(tenant), item.Id, item.DueAt.ToUnixTimeMilliseconds());
    }

    /// <summary>Wakes this instance's worker now instead of at its next poll.</summary>
    public void Nudge()
    {
        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already nudged; the worker will look once for all of them.
        }
    }

    /// <summary>Waits for a nudge or for <paramref name="timeout"/> (on the injected clock).</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(timeout, clock, linked.Token);
        var nudged = signal.WaitAsync(linked.Token);
        await Task.WhenAny(delay, nudged);
        await linked.CancelAsync();
        ct.ThrowIfCancellationRequested();
    }

    public async Task<IReadOnlyList<string>> TenantsAsync(CancellationToken ct) =>
        (await store.SortedSetRangeByRankAsync(Tenants, 0, -1, StoreOrder.Ascending, ct)).Select(m => m.Member).ToList();

    public Task<IReadOnlyList<ScoredMember>> DueAsync(string tenant, DateTimeOffset now, int take, CancellationToken ct) =>
        store.SortedSetRangeByScoreAsync(QueueKey(tenant), double.NegativeInfinity, now.ToUnixTimeMilliseconds(), StoreOrder.Ascending, 0, take, ct);

    /// <summary>When the tenant's earliest item is due, or null when its queue is empty.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(string tenant, CancellationToken ct)
    {
        var first = await store.SortedSetRangeByRankAsync(QueueKey(tenant), 0, 0, StoreOrder.Ascending, ct);
        return first.Count == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)first[0].Score);
    }

    public Task<long> CountAsync(string tenantId, CancellationToken ct) => store.SortedSetCountAsync(QueueKey(StoreKey.TenantOrDefault(tenantId)), cancellationToken: ct);

    public Task<Versioned<ApprovalFollowUp>?> GetAsync(string tenant, string id, CancellationToken ct) =>
        store.GetAsync(ItemKey(tenant, id), ApprovalsJsonContext.Default.ApprovalFollowUp, ct);

    public Task<bool> TryClaimAsync(string tenant, string id, string owner, TimeSpan lease, CancellationToken ct) =>
        store.TryClaimAsync(ClaimKey(tenant, id), owner, lease, ct);

    public Task<bool> ReleaseClaimAsync(string tenant, string id, string owner, CancellationToken ct) =>
        store.ReleaseClaimAsync(ClaimKey(tenant, id), owner, ct);

    /// <summary>Removes a finished item (only the version that was worked on).</summary>
    public Task<bool> CompleteAsync(string tenant, ApprovalFollowUp item, long version, CancellationToken ct) =>
        store.CommitAsync(new StoreTransaction().RequireVersion(ItemKey(tenant, item.Id), version).Delete(ItemKey(tenant, item.Id)).SortedSetRemove(QueueKey(tenant), item.Id), ct);

    /// <summary>Drops a queue entry whose item is gone (finished by another instance).</summary>
    public Task<bool> ForgetAsync(string tenant, string id, CancellationToken ct) => store.SortedSetRemoveAsync(QueueKey(tenant), id, ct);

    /// <summary>Counts a failed attempt and makes the item due again at <paramref name="due"/>.</summary>
    public Task<bool> RetryLaterAsync(string tenant, ApprovalFollowUp item, long version, DateTimeOffset due, CancellationToken ct)
    {
        var next = item with { Attempt = item.Attempt + 1, DueAt = due };
        var transaction = new StoreTransaction().RequireVersion(ItemKey(tenant, item.Id), version);
        AddTo(transaction, next);
        return store.CommitAsync(transaction, ct);
    }

    private static StoreKey QueueKey(string tenant) => StoreKey.For(tenant, "approvals", "followups");

    private static StoreKey ItemKey(string tenant, string id) => StoreKey.For(tenant, "approvals", "followup", id);

    private static StoreKey ClaimKey(string tenant, string id) => StoreKey.For(tenant, "approvals", "followup-claim", id);
}

/// <summary>
/// Works the follow-up queues of every tenant: claims each due item (a lease, so several instances do it once and a dead
/// instance's item is taken over when the lease runs out; a stopping instance hands it back at once), runs it, and removes
/// it, or counts the failure and retries it later with back-off. Woken at once by work queued on this instance, otherwise
/// it looks every few seconds and at the next retry time.
/// </summary>
internal sealed partial class ApprovalFollowUpWorker(
    ApprovalFollowUpQueue queue,
    IServiceProvider services,
    TimeProvider clock,
    ILogger<ApprovalFollowUpWorker> logger,
    IWorkerHeartbeats? heartbeats = null) : BackgroundService
{
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    public const int FanoutAttempts = 5;
    private readonly string owner = Guid.NewGuid().ToString("N");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            heartbeats?.Beat(nameof(ApprovalFollowUpWorker), Poll * 20);
            var wait = Poll;
            try
            {
                if (await RunDueAsync(stoppingToken) is { } next)
                {
                    var until = next - clock.GetUtcNow();
                    wait = until < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : until < Poll ? until : Poll;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(logger, ex);
            }

            await queue.WaitAsync(wait, stoppingToken);
        }
    }

    /// <summary>Runs every item due now; returns when the earliest remaining item is due (null: none).</summary>
    internal async Task<DateTimeOffset?> RunDueAsync(CancellationToken ct)
    {
        DateTimeOffset? next = null;
        foreach (var tenant in await queue.TenantsAsync(ct))
        {
            foreach (var item in await queue.DueAsync(tenant, clock.GetUtcNow(), 50, ct))
            {
                await RunOneAsync(tenant, item.Member, ct);
            }

            if (await queue.NextDueAsync(tenant, ct) is { } due && (next is null || due < next))
            {
                next = due;
            }
        }

        return next;
    }

    private async Task RunOneAsync(string tenant, string id, CancellationToken ct)
    {
        if (!await queue.TryClaimAsync(tenant, id, owner, Lease, ct))
        {
            return;
        }

        try
        {
            var stored = await queue.GetAsync(tenant, id, ct);
            if (stored is null)
            {
                await queue.ForgetAsync(tenant, id, ct);
                return;
            }

            var item = stored.Value;
            var now = clock.GetUtcNow();
            if (item.DueAt > now)
            {
                return;
            }

            bool done;
            try
            {
                done = await HandleAsync(item, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                LogAttemptFailed(logger, ex, item.Kind, item.DraftId, item.Attempt + 1);
                done = false;
            }

            var attempts = item.Kind == ApprovalFollowUpKind.Webhook ? ApprovalWebhook.MaxAttempts : FanoutAttempts;
            if (done)
            {
                await queue.CompleteAsync(tenant, item, stored.Version, ct);
            }
            else if (item.Attempt + 1 >= attempts)
            {
                LogGaveUp(logger, item.Kind, item.DraftId, attempts);
                await queue.CompleteAsync(tenant, item, stored.Version, ct);
            }
            else
            {
                await queue.RetryLaterAsync(tenant, item, stored.Version, clock.GetUtcNow() + Backoff(item), ct);
            }
        }
        finally
        {
            try
            {
                // Handed back at once, also when stopping mid-item: the next instance need not wait for the lease.
                await queue.ReleaseClaimAsync(tenant, id, owner, CancellationToken.None);
            }
            catch (StoreUnavailableException)
            {
                // The lease runs out by itself.
            }
        }
    }

    private async Task<bool> HandleAsync(ApprovalFollowUp item, CancellationToken ct)
    {
        switch (item.Kind)
        {
            case ApprovalFollowUpKind.Fanout when item.Fanout is { } work:
                await services.GetRequiredService<ApprovalFanout>().ProcessAsync(work, ct);
                return true;
            case ApprovalFollowUpKind.Webhook when item.Webhook is { } payload:
                return await services.GetRequiredService<ApprovalWebhook>().TryDeliverAsync(payload, item.Attempt + 1, ct);
            default:
                return true;
        }
    }

    /// <summary>Webhook: 1 s, 2 s, 4 s, 8 s, 16 s between attempts; cards and notices: 5 s, 10 s, 20 s, 40 s.</summary>
    internal static TimeSpan Backoff(ApprovalFollowUp item) =>
        TimeSpan.FromSeconds((item.Kind == ApprovalFollowUpKind.Webhook ? 1 : 5) * Math.Pow(2, item.Attempt));

    [LoggerMessage(EventId = 5040, Level = LogLevel.Warning, Message = "Approval follow-up pass failed; retrying on the next look.")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5041, Level = LogLevel.Warning, Message = "Approval follow-up {Kind} for {DraftId} failed (attempt {Attempt}).")]
    private static partial void LogAttemptFailed(ILogger logger, Exception exception, ApprovalFollowUpKind kind, string draftId, int attempt);

    [LoggerMessage(EventId = 5042, Level = LogLevel.Error, Message = "Approval follow-up {Kind} for {DraftId} gave up after {Attempts} attempts.")]
    private static partial void LogGaveUp(ILogger logger, ApprovalFollowUpKind kind, string draftId, int attempts);
}
