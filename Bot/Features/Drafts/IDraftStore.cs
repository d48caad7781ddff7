namespace SocialBot.Bot.Features.Drafts;

/// <summary>
/// Drafts per tenant. Every write is atomic (compare-and-set on the stored document); conflicts are results.
/// Ids are <c>P-</c> plus a per-tenant sequence.
/// </summary>
internal interface IDraftStore
{
    /// <summary>Creates version 1 with status <see cref="DraftStatus.Draft"/> and a "created" history entry.</summary>
    Task<Draft> CreateAsync(string tenantId, DraftPerson author, DraftContent content, DraftOrigin origin, CancellationToken ct);

    Task<Draft?> GetAsync(string tenantId, string draftId, CancellationToken ct);

    /// <summary>The drafts that exist among <paramref name="draftIds"/>, in that order, in as few round trips as the store allows.</summary>
    Task<IReadOnlyList<Draft>> GetManyAsync(string tenantId, IReadOnlyList<string> draftIds, CancellationToken ct);

    /// <summary>A past (or the current) content version; null when unknown.</summary>
    Task<DraftContent?> GetContentVersionAsync(string tenantId, string draftId, int contentVersion, CancellationToken ct);

    /// <summary>
    /// Stores <paramref name="content"/> as the next content version when the draft is still at
    /// <paramref name="expectedContentVersion"/> and in one of <paramref name="allowedStatuses"/>; appends an "edited" entry.
    /// </summary>
    Task<DraftWriteResult> UpdateContentAsync(string tenantId, string draftId, DraftPerson editor, DraftContent content, int expectedContentVersion, IReadOnlySet<DraftStatus> allowedStatuses, CancellationToken ct);

    /// <summary>Moves the draft to <paramref name="to"/> only from one of <paramref name="from"/>, appending <paramref name="entry"/> in the same write.</summary>
    Task<DraftWriteResult> TryTransitionAsync(string tenantId, string draftId, IReadOnlySet<DraftStatus> from, DraftStatus to, DraftHistoryEntry entry, CancellationToken ct);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<Draft>> ListByAuthorAsync(string tenantId, string authorId, int skip, int take, CancellationToken ct);

    Task<int> CountByAuthorAsync(string tenantId, string authorId, CancellationToken ct);

    /// <summary>Oldest first.</summary>
    Task<IReadOnlyList<Draft>> ListByStatusAsync(string tenantId, DraftStatus status, CancellationToken ct);

    /// <summary>Oldest first.</summary>
    Task<IReadOnlyList<DraftHistoryEntry>> GetHistoryAsync(string tenantId, string draftId, CancellationToken ct);

    /// <summary>For events that do not change status (reminders, "seen", webhook delivered).</summary>
    Task AppendHistoryAsync(string tenantId, string draftId, DraftHistoryEntry entry, CancellationToken ct);
}

/// <summary><see cref="Draft"/> is the current state, also when the write lost (so the caller can show it).</summary>
internal sealed record DraftWriteResult(DraftWriteOutcome Outcome, Draft? Draft)
{
    public bool Succeeded => Outcome == DraftWriteOutcome.Written;
}

internal enum DraftWriteOutcome
{
    Written,
    NotFound,
    StatusNotAllowed,
    VersionConflict,
}
