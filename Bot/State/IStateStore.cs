namespace SocialBot.Bot.State;

/// <summary>
/// The one port for everything that must survive a restart. Conflicts are results, not exceptions;
/// connectivity problems surface as <see cref="StoreUnavailableException"/>.
/// Feature stores build intention-revealing methods on top of it.
/// </summary>
internal interface IStateStore
{
    // Documents (UTF-8 JSON) with optimistic concurrency. Versions start at 1 and grow by 1 per write;
    // a deleted and re-created document starts again at 1.
    Task<StoredDocument?> GetAsync(StoreKey key, CancellationToken cancellationToken = default);

    /// <summary>Several documents in one round trip; the result lines up with <paramref name="keys"/> (null: absent).</summary>
    Task<IReadOnlyList<StoredDocument?>> GetManyAsync(IReadOnlyList<StoreKey> keys, CancellationToken cancellationToken = default);

    Task<PutResult> PutAsync(StoreKey key, ReadOnlyMemory<byte> utf8Json, PutCondition condition, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes any kind of key; with <paramref name="ifVersion"/> only a document of that version.</summary>
    Task<bool> DeleteAsync(StoreKey key, long? ifVersion = null, CancellationToken cancellationToken = default);

    /// <summary>Applies every write of <paramref name="transaction"/> or none; false when a condition failed.</summary>
    Task<bool> CommitAsync(StoreTransaction transaction, CancellationToken cancellationToken = default);

    // Counters. The time to live is set only when the counter has none yet, so a bucket expires a fixed time after it was created.
    Task<long> IncrementAsync(StoreKey key, long by = 1, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default);

    Task<long> GetCounterAsync(StoreKey key, CancellationToken cancellationToken = default);

    Task<long> IncrementFieldAsync(StoreKey key, string field, long by = 1, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default);

    Task<IReadOnlyDictionary<string, long>> GetFieldCountersAsync(StoreKey key, CancellationToken cancellationToken = default);

    // Sorted-set indexes.
    /// <returns>True when the member was new, false when only its score changed.</returns>
    Task<bool> SortedSetAddAsync(StoreKey key, string member, double score, CancellationToken cancellationToken = default);

    Task<bool> SortedSetRemoveAsync(StoreKey key, string member, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ScoredMember>> SortedSetRangeByScoreAsync(StoreKey key, double min = double.NegativeInfinity, double max = double.PositiveInfinity, StoreOrder order = StoreOrder.Ascending, long skip = 0, long take = -1, CancellationToken cancellationToken = default);

    /// <summary>Ranks are zero-based and inclusive; negative ranks count from the end, as in Redis.</summary>
    Task<IReadOnlyList<ScoredMember>> SortedSetRangeByRankAsync(StoreKey key, long start = 0, long stop = -1, StoreOrder order = StoreOrder.Ascending, CancellationToken cancellationToken = default);

    Task<long> SortedSetCountAsync(StoreKey key, double min = double.NegativeInfinity, double max = double.PositiveInfinity, CancellationToken cancellationToken = default);

    Task<double?> SortedSetScoreAsync(StoreKey key, string member, CancellationToken cancellationToken = default);

    // Append-only lists (audit logs).
    /// <returns>The list length after the append.</returns>
    Task<long> ListAppendAsync(StoreKey key, string value, CancellationToken cancellationToken = default);

    /// <summary>Indexes are zero-based and inclusive; negative indexes count from the end, as in Redis.</summary>
    Task<IReadOnlyList<string>> ListRangeAsync(StoreKey key, long start = 0, long stop = -1, CancellationToken cancellationToken = default);

    Task<long> ListLengthAsync(StoreKey key, CancellationToken cancellationToken = default);

    /// <summary>Keeps only the elements from <paramref name="start"/> to <paramref name="stop"/> (inclusive).</summary>
    Task ListTrimAsync(StoreKey key, long start, long stop, CancellationToken cancellationToken = default);

    // Claims: idempotency keys, activity dedupe, digest claims, locks.
    /// <returns>True when this owner now holds the claim; false when anyone (including this owner) already held it.</returns>
    Task<bool> TryClaimAsync(StoreKey key, string owner, TimeSpan expiry, CancellationToken cancellationToken = default);

    Task<bool> ReleaseClaimAsync(StoreKey key, string owner, CancellationToken cancellationToken = default);

    Task<bool> ExtendClaimAsync(StoreKey key, string owner, TimeSpan expiry, CancellationToken cancellationToken = default);

    Task<string?> GetClaimOwnerAsync(StoreKey key, CancellationToken cancellationToken = default);

    // Streams with consumer groups (work queues).
    /// <param name="maxLength">Approximate cap: older entries may be trimmed once the stream is longer.</param>
    /// <returns>The entry id.</returns>
    Task<string> StreamAppendAsync(StoreKey key, string payload, long? maxLength = null, CancellationToken cancellationToken = default);

    /// <summary>Creates the stream and the group (delivering from the stream's start) unless the group exists.</summary>
    Task EnsureConsumerGroupAsync(StoreKey key, string group, CancellationToken cancellationToken = default);

    /// <summary>Entries never delivered to the group, now pending for <paramref name="consumer"/>. Does not block.</summary>
    Task<IReadOnlyList<StreamEntry>> StreamReadAsync(StoreKey key, string group, string consumer, int count, CancellationToken cancellationToken = default);

    /// <returns>How many entries were pending and are now acknowledged.</returns>
    Task<long> StreamAcknowledgeAsync(StoreKey key, string group, IReadOnlyList<string> entryIds, bool deleteEntries = false, CancellationToken cancellationToken = default);

    /// <summary>Moves up to <paramref name="count"/> entries pending longer than <paramref name="minIdle"/> to <paramref name="consumer"/>.</summary>
    Task<IReadOnlyList<StreamEntry>> StreamClaimIdleAsync(StoreKey key, string group, string consumer, TimeSpan minIdle, int count, CancellationToken cancellationToken = default);

    Task<long> StreamLengthAsync(StoreKey key, CancellationToken cancellationToken = default);

    /// <summary>Delivered but not yet acknowledged entries of the group.</summary>
    Task<long> StreamPendingCountAsync(StoreKey key, string group, CancellationToken cancellationToken = default);

    /// <summary>Round trip to the store, for readiness.</summary>
    Task<TimeSpan> PingAsync(CancellationToken cancellationToken = default);
}

internal sealed record StoredDocument(ReadOnlyMemory<byte> Utf8Json, long Version)
{
    public string Json => System.Text.Encoding.UTF8.GetString(Utf8Json.Span);
}

internal enum PutConditionKind
{
    Always,
    IfAbsent,
    IfVersion,
}

internal readonly record struct PutCondition(PutConditionKind Kind, long Version)
{
    public static PutCondition Always => new(PutConditionKind.Always, 0);

    /// <summary>Create only.</summary>
    public static PutCondition IfAbsent => new(PutConditionKind.IfAbsent, 0);

    public static PutCondition IfVersion(long version)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        return new(PutConditionKind.IfVersion, version);
    }
}

/// <summary><see cref="Version"/> is the document's new version, 0 when the condition failed.</summary>
internal readonly record struct PutResult(bool Succeeded, long Version)
{
    public static PutResult Conflict => new(false, 0);
}

internal readonly record struct ScoredMember(string Member, double Score);

internal enum StoreOrder
{
    Ascending,
    Descending,
}

internal sealed record StreamEntry(string Id, string Payload);
