using System.Text.Json;
using SocialBot.Bot.State;

namespace SocialBot.Bot.Features.Drafts;

/// <summary>
/// Drafts on the state store. A draft is one versioned document; every change is a compare-and-set on it, committed in
/// one transaction with its content version, its history entry and its author and status indexes, so they never disagree.
/// </summary>
internal sealed class DraftStore(IStateStore store, TimeProvider clock) : IDraftStore
{
    // Conflicting writers re-read and try again; more attempts than this means something is hammering one draft.
    private const int MaxAttempts = 20;

    public async Task<Draft> CreateAsync(string tenantId, DraftPerson author, DraftContent content, DraftOrigin origin, CancellationToken ct)
    {
        var keys = new DraftKeys(tenantId);
        var id = DraftId.From(await store.IncrementAsync(keys.Sequence, cancellationToken: ct).ConfigureAwait(false));
        var now = clock.GetUtcNow();
        var draft = new Draft(tenantId, id, author, content, 1, DraftStatus.Draft, now, now, origin);
        var transaction = new StoreTransaction()
            .RequireAbsent(keys.Document(id))
            .PutDocument(keys.Document(id), draft, DraftsJsonContext.Default.Draft)
            .PutDocument(keys.ContentVersion(id, 1), content, DraftsJsonContext.Default.DraftContent)
            .SortedSetAdd(keys.ByAuthor(author.Id), id, now.ToUnixTimeMilliseconds())
            .SortedSetAdd(keys.ByStatus(DraftStatus.Draft), id, now.ToUnixTimeMilliseconds())
            .ListAppend(keys.History(id), new DraftHistoryEntry(now, "created", author, 1), DraftsJsonContext.Default.DraftHistoryEntry);
        if (!await store.CommitAsync(transaction, ct).ConfigureAwait(false))
        {
            // The sequence is atomic, so the id cannot exist unless the sequence was reset under live data.
            throw new InvalidOperationException($"Draft {id} already exists in tenant {tenantId}; the draft sequence was reset.");
        }

        return draft;
    }

    public async Task<Draft?> GetAsync(string tenantId, string draftId, CancellationToken ct) =>
        DraftId.TryParse(draftId, out var id)
            ? (await store.GetAsync(new DraftKeys(tenantId).Document(id), DraftsJsonContext.Default.Draft, ct).ConfigureAwait(false))?.Value
            : null;

    public Task<IReadOnlyList<Draft>> GetManyAsync(string tenantId, IReadOnlyList<string> draftIds, CancellationToken ct)
    {
        var keys = new DraftKeys(tenantId);
        return store.GetExistingAsync(
            [.. draftIds.Select(draftId => DraftId.TryParse(draftId, out var id) ? id : null).OfType<string>().Select(keys.Document)],
            DraftsJsonContext.Default.Draft,
            ct);
    }

    public async Task<DraftContent?> GetContentVersionAsync(string tenantId, string draftId, int contentVersion, CancellationToken ct) =>
        DraftId.TryParse(draftId, out var id) && contentVersion >= 1
            ? (await store.GetAsync(new DraftKeys(tenantId).ContentVersion(id, contentVersion), DraftsJsonContext.Default.DraftContent, ct).ConfigureAwait(false))?.Value
            : null;

    public Task<DraftWriteResult> UpdateContentAsync(string tenantId, string draftId, DraftPerson editor, DraftContent content, int expectedContentVersion, IReadOnlySet<DraftStatus> allowedStatuses, CancellationToken ct) =>
        WriteAsync(tenantId, draftId, ct, (keys, current, now) =>
        {
            if (!allowedStatuses.Contains(current.Status))
            {
                return (DraftWriteOutcome.StatusNotAllowed, null, null);
            }

            if (current.ContentVersion != expectedContentVersion)
            {
                return (DraftWriteOutcome.VersionConflict, null, null);
            }

            var next = current with { Content = content, ContentVersion = current.ContentVersion + 1, UpdatedAt = now };
            var entry = new DraftHistoryEntry(now, "edited", editor, next.ContentVersion);
            return (DraftWriteOutcome.Written, next, tx => tx
                .PutDocument(keys.ContentVersion(current.Id, next.ContentVersion), content, DraftsJsonContext.Default.DraftContent)
                .ListAppend(keys.History(current.Id), entry, DraftsJsonContext.Default.DraftHistoryEntry));
        });

    public Task<DraftWriteResult> TryTransitionAsync(string tenantId, string draftId, IReadOnlySet<DraftStatus> from, DraftStatus to, DraftHistoryEntry entry, CancellationToken ct) =>
        WriteAsync(tenantId, draftId, ct, (keys, current, now) =>
        {
            if (!from.Contains(current.Status))
            {
                return (DraftWriteOutcome.StatusNotAllowed, null, null);
            }

            var next = current with { Status = to, UpdatedAt = now };
            return (DraftWriteOutcome.Written, next, tx => tx
                .SortedSetRemove(keys.ByStatus(current.Status), current.Id)
                .SortedSetAdd(keys.ByStatus(to), current.Id, now.ToUnixTimeMilliseconds())
                .ListAppend(keys.History(current.Id), entry, DraftsJsonContext.Default.DraftHistoryEntry));
        });

    public async Task<IReadOnlyList<Draft>> ListByAuthorAsync(string tenantId, string authorId, int skip, int take, CancellationToken ct)
    {
        var keys = new DraftKeys(tenantId);
        var members = await store.SortedSetRangeByRankAsync(keys.ByAuthor(authorId), skip, skip + take - 1, StoreOrder.Descending, ct).ConfigureAwait(false);
        return await ReadAllAsync(keys, members, ct).ConfigureAwait(false);
    }

    public async Task<int> CountByAuthorAsync(string tenantId, string authorId, CancellationToken ct) =>
        (int)await store.SortedSetCountAsync(new DraftKeys(tenantId).ByAuthor(authorId), cancellationToken: ct).ConfigureAwait(false);

    public async Task<IReadOnlyList<Draft>> ListByStatusAsync(string tenantId, DraftStatus status, CancellationToken ct)
    {
        var keys = new DraftKeys(tenantId);
        var members = await store.SortedSetRangeByRankAsync(keys.ByStatus(status), cancellationToken: ct).ConfigureAwait(false);
        return await ReadAllAsync(keys, members, ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DraftHistoryEntry>> GetHistoryAsync(string tenantId, string draftId, CancellationToken ct)
    {
        if (!DraftId.TryParse(draftId, out var id))
        {
            return [];
        }

        var lines = await store.ListRangeAsync(new DraftKeys(tenantId).History(id), cancellationToken: ct).ConfigureAwait(false);
        return [.. lines.Select(line => JsonSerializer.Deserialize(line, DraftsJsonContext.Default.DraftHistoryEntry)!)];
    }

    public async Task AppendHistoryAsync(string tenantId, string draftId, DraftHistoryEntry entry, CancellationToken ct)
    {
        if (DraftId.TryParse(draftId, out var id))
        {
            await store.ListAppendAsync(new DraftKeys(tenantId).History(id), entry, DraftsJsonContext.Default.DraftHistoryEntry, ct).ConfigureAwait(false);
        }
    }

    private async Task<DraftWriteResult> WriteAsync(
        string tenantId,
        string draftId,
        CancellationToken ct,
        Func<DraftKeys, Draft, DateTimeOffset, (DraftWriteOutcome Outcome, Draft? Next, Func<StoreTransaction, StoreTransaction>? MoreWrites)> decide)
    {
        if (!DraftId.TryParse(draftId, out var id))
        {
            return new DraftWriteResult(DraftWriteOutcome.NotFound, null);
        }

        var keys = new DraftKeys(tenantId);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var stored = await store.GetAsync(keys.Document(id), DraftsJsonContext.Default.Draft, ct).ConfigureAwait(false);
            if (stored is null)
            {
                return new DraftWriteResult(DraftWriteOutcome.NotFound, null);
            }

            var (outcome, next, moreWrites) = decide(keys, stored.Value, clock.GetUtcNow());
            if (outcome != DraftWriteOutcome.Written || next is null)
            {
                return new DraftWriteResult(outcome, stored.Value);
            }

            var transaction = new StoreTransaction()
                .RequireVersion(keys.Document(id), stored.Version)
                .PutDocument(keys.Document(id), next, DraftsJsonContext.Default.Draft);
            if (await store.CommitAsync(moreWrites?.Invoke(transaction) ?? transaction, ct).ConfigureAwait(false))
            {
                return new DraftWriteResult(DraftWriteOutcome.Written, next);
            }
        }

        var latest = await store.GetAsync(keys.Document(id), DraftsJsonContext.Default.Draft, ct).ConfigureAwait(false);
        return new DraftWriteResult(DraftWriteOutcome.VersionConflict, latest?.Value);
    }

    private Task<IReadOnlyList<Draft>> ReadAllAsync(DraftKeys keys, IReadOnlyList<ScoredMember> members, CancellationToken ct) =>
        store.GetExistingAsync([.. members.Select(member => keys.Document(member.Member))], DraftsJsonContext.Default.Draft, ct);

    private readonly record struct DraftKeys(string TenantId)
    {
        private string Tenant => StoreKey.TenantOrDefault(TenantId);

        public StoreKey Sequence => StoreKey.For(Tenant, "drafts", "seq");

        public StoreKey Document(string id) => StoreKey.For(Tenant, "drafts", "doc", id);

        public StoreKey ContentVersion(string id, int version) =>
            StoreKey.For(Tenant, "drafts", "ver", id, version.ToString(System.Globalization.CultureInfo.InvariantCulture));

        public StoreKey History(string id) => StoreKey.For(Tenant, "drafts", "history", id);

        public StoreKey ByAuthor(string authorId) => StoreKey.For(Tenant, "drafts", "by-author", StoreKey.Digest(authorId));

        public StoreKey ByStatus(DraftStatus status) => StoreKey.For(Tenant, "drafts", "status", status.ToString().ToLowerInvariant());
    }
}
