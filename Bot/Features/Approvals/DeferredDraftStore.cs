using SocialBot.Bot.Features.Drafts;

namespace SocialBot.Bot.Features.Approvals;

/// <summary>
/// Resolves the Drafts slice's <see cref="IDraftStore"/> on first use instead of at construction, so registering Approvals
/// never makes the container (or the command router) fail to build when Drafts is registered later or not at all;
/// a missing store surfaces as a clear error on the first approval action instead.
/// </summary>
internal sealed class DeferredDraftStore(IServiceProvider services) : IDraftStore
{
    private IDraftStore Store => services.GetService<IDraftStore>()
        ?? throw new InvalidOperationException("Approvals needs the Drafts slice (IDraftStore), which is not registered.");

    public Task<Draft> CreateAsync(string tenantId, DraftPerson author, DraftContent content, DraftOrigin origin, CancellationToken ct) =>
        Store.CreateAsync(tenantId, author, content, origin, ct);

    public Task<Draft?> GetAsync(string tenantId, string draftId, CancellationToken ct) => Store.GetAsync(tenantId, draftId, ct);

    public Task<IReadOnlyList<Draft>> GetManyAsync(string tenantId, IReadOnlyList<string> draftIds, CancellationToken ct) => Store.GetManyAsync(tenantId, draftIds, ct);

    public Task<DraftContent?> GetContentVersionAsync(string tenantId, string draftId, int contentVersion, CancellationToken ct) =>
        Store.GetContentVersionAsync(tenantId, draftId, contentVersion, ct);

    public Task<DraftWriteResult> UpdateContentAsync(string tenantId, string draftId, DraftPerson editor, DraftContent content, int expectedContentVersion, IReadOnlySet<DraftStatus> allowedStatuses, CancellationToken ct) =>
        Store.UpdateContentAsync(tenantId, draftId, editor, content, expectedContentVersion, allowedStatuses, ct);

    public Task<DraftWriteResult> TryTransitionAsync(string tenantId, string draftId, IReadOnlySet<DraftStatus> from, DraftStatus to, DraftHistoryEntry entry, CancellationToken ct) =>
        Store.TryTransitionAsync(tenantId, draftId, from, to, entry, ct);

    public Task<IReadOnlyList<Draft>> ListByAuthorAsync(string tenantId, string authorId, int skip, int take, CancellationToken ct) =>
        Store.ListByAuthorAsync(tenantId, authorId, skip, take, ct);

    public Task<int> CountByAuthorAsync(string tenantId, string authorId, CancellationToken ct) => Store.CountByAuthorAsync(tenantId, authorId, ct);

    public Task<IReadOnlyList<Draft>> ListByStatusAsync(string tenantId, DraftStatus status, CancellationToken ct) => Store.ListByStatusAsync(tenantId, status, ct);

    public Task<IReadOnlyList<DraftHistoryEntry>> GetHistoryAsync(string tenantId, string draftId, CancellationToken ct) => Store.GetHistoryAsync(tenantId, draftId, ct);

    public Task AppendHistoryAsync(string tenantId, string draftId, DraftHistoryEntry entry, CancellationToken ct) => Store.AppendHistoryAsync(tenantId, draftId, entry, ct);
}
