namespace SocialBot.Bot.State;

/// <summary>
/// Conditions and writes committed all or nothing by <see cref="IStateStore.CommitAsync"/>.
/// Keys of one transaction should share a tenant so they share a Redis Cluster slot.
/// Build a new instance per attempt; it holds no connection and may be retried after a conflict.
/// </summary>
internal sealed class StoreTransaction
{
    private readonly List<TransactionCondition> _conditions = [];
    private readonly List<TransactionWrite> _writes = [];

    public IReadOnlyList<TransactionCondition> Conditions => _conditions;

    public IReadOnlyList<TransactionWrite> Writes => _writes;

    public StoreTransaction RequireVersion(StoreKey key, long version)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        _conditions.Add(new DocumentVersionEquals(key, version));
        return this;
    }

    public StoreTransaction RequireAbsent(StoreKey key)
    {
        _conditions.Add(new KeyAbsent(key));
        return this;
    }

    /// <summary>Writes the document and bumps its version (1 when new); without a time to live any expiry is removed.</summary>
    public StoreTransaction PutDocument(StoreKey key, ReadOnlyMemory<byte> utf8Json, TimeSpan? timeToLive = null)
    {
        _writes.Add(new PutDocumentWrite(key, utf8Json.ToArray(), timeToLive));
        return this;
    }

    public StoreTransaction Delete(StoreKey key)
    {
        _writes.Add(new DeleteWrite(key));
        return this;
    }

    public StoreTransaction SortedSetAdd(StoreKey key, string member, double score)
    {
        ArgumentNullException.ThrowIfNull(member);
        _writes.Add(new SortedSetAddWrite(key, member, score));
        return this;
    }

    public StoreTransaction SortedSetRemove(StoreKey key, string member)
    {
        ArgumentNullException.ThrowIfNull(member);
        _writes.Add(new SortedSetRemoveWrite(key, member));
        return this;
    }

    public StoreTransaction Increment(StoreKey key, long by = 1)
    {
        _writes.Add(new IncrementWrite(key, by));
        return this;
    }

    public StoreTransaction IncrementField(StoreKey key, string field, long by = 1)
    {
        ArgumentNullException.ThrowIfNull(field);
        _writes.Add(new IncrementFieldWrite(key, field, by));
        return this;
    }

    public StoreTransaction ListAppend(StoreKey key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _writes.Add(new ListAppendWrite(key, value));
        return this;
    }

    public StoreTransaction Expire(StoreKey key, TimeSpan timeToLive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        _writes.Add(new ExpireWrite(key, timeToLive));
        return this;
    }
}

internal abstract record TransactionCondition(StoreKey Key);

internal sealed record DocumentVersionEquals(StoreKey Key, long Version) : TransactionCondition(Key);

internal sealed record KeyAbsent(StoreKey Key) : TransactionCondition(Key);

internal abstract record TransactionWrite(StoreKey Key);

internal sealed record PutDocumentWrite(StoreKey Key, byte[] Utf8Json, TimeSpan? TimeToLive) : TransactionWrite(Key);

internal sealed record DeleteWrite(StoreKey Key) : TransactionWrite(Key);

internal sealed record SortedSetAddWrite(StoreKey Key, string Member, double Score) : TransactionWrite(Key);

internal sealed record SortedSetRemoveWrite(StoreKey Key, string Member) : TransactionWrite(Key);

internal sealed record IncrementWrite(StoreKey Key, long By) : TransactionWrite(Key);

internal sealed record IncrementFieldWrite(StoreKey Key, string Field, long By) : TransactionWrite(Key);

internal sealed record ListAppendWrite(StoreKey Key, string Value) : TransactionWrite(Key);

internal sealed record ExpireWrite(StoreKey Key, TimeSpan TimeToLive) : TransactionWrite(Key);
