using System.Globalization;

namespace SocialBot.Bot.State;

/// <summary>
/// <see cref="IStateStore"/> in process memory, for local development and unit tests. It mirrors the Redis
/// semantics the conformance suite checks (versions, expiry through <see cref="TimeProvider"/>, emptied keys
/// disappearing, pending-entry lists with idle times). One lock keeps every operation atomic.
/// </summary>
internal sealed class InMemoryStateStore(TimeProvider timeProvider) : IStateStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public Task<StoredDocument?> GetAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var document = Find<DocumentEntry>(key);
            return Task.FromResult(document is null ? null : new StoredDocument(document.Data, document.Version));
        }
    }

    public Task<IReadOnlyList<StoredDocument?>> GetManyAsync(IReadOnlyList<StoreKey> keys, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<StoredDocument?>>([.. keys.Select(key => Find<DocumentEntry>(key) is { } document ? new StoredDocument(document.Data, document.Version) : null)]);
        }
    }

    public Task<PutResult> PutAsync(StoreKey key, ReadOnlyMemory<byte> utf8Json, PutCondition condition, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var satisfied = condition.Kind switch
            {
                PutConditionKind.IfAbsent => Find<Entry>(key) is null,
                PutConditionKind.IfVersion => HasVersion(key, condition.Version),
                _ => true,
            };
            return Task.FromResult(satisfied ? new PutResult(true, PutDocument(key, utf8Json.ToArray(), timeToLive)) : PutResult.Conflict);
        }
    }

    public Task<bool> DeleteAsync(StoreKey key, long? ifVersion = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (Find<Entry>(key) is null || (ifVersion is { } version && !HasVersion(key, version)))
            {
                return Task.FromResult(false);
            }

            _entries.Remove(key.Relative);
            return Task.FromResult(true);
        }
    }

    public Task<bool> CommitAsync(StoreTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        lock (_gate)
        {
            foreach (var condition in transaction.Conditions)
            {
                var satisfied = condition switch
                {
                    DocumentVersionEquals c => HasVersion(c.Key, c.Version),
                    KeyAbsent c => Find<Entry>(c.Key) is null,
                    _ => throw new NotSupportedException($"Unknown condition {condition.GetType().Name}."),
                };
                if (!satisfied)
                {
                    return Task.FromResult(false);
                }
            }

            foreach (var write in transaction.Writes)
            {
                Apply(write);
            }

            return Task.FromResult(true);
        }
    }

    public Task<long> IncrementAsync(StoreKey key, long by = 1, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var counter = FindOrAdd<CounterEntry>(key);
            counter.Value += by;
            ExpireIfPersistent(counter, timeToLive);
            return Task.FromResult(counter.Value);
        }
    }

    public Task<long> GetCounterAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(Find<CounterEntry>(key)?.Value ?? 0);
        }
    }

    public Task<long> IncrementFieldAsync(StoreKey key, string field, long by = 1, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(field);
        lock (_gate)
        {
            var counters = FindOrAdd<FieldCountersEntry>(key);
            var value = IncrementField(counters, field, by);
            ExpireIfPersistent(counters, timeToLive);
            return Task.FromResult(value);
        }
    }

    public Task<IReadOnlyDictionary<string, long>> GetFieldCountersAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var counters = Find<FieldCountersEntry>(key);
            IReadOnlyDictionary<string, long> copy = counters is null
                ? new Dictionary<string, long>(StringComparer.Ordinal)
                : new Dictionary<string, long>(counters.Fields, StringComparer.Ordinal);
            return Task.FromResult(copy);
        }
    }

    public Task<bool> SortedSetAddAsync(StoreKey key, string member, double score, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(member);
        lock (_gate)
        {
            return Task.FromResult(SortedSetAdd(key, member, score));
        }
    }

    public Task<bool> SortedSetRemoveAsync(StoreKey key, string member, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(member);
        lock (_gate)
        {
            return Task.FromResult(SortedSetRemove(key, member));
        }
    }

    public Task<IReadOnlyList<ScoredMember>> SortedSetRangeByScoreAsync(StoreKey key, double min = double.NegativeInfinity, double max = double.PositiveInfinity, StoreOrder order = StoreOrder.Ascending, long skip = 0, long take = -1, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IEnumerable<ScoredMember> members = Sorted(key, order).Where(member => member.Score >= min && member.Score <= max).Skip((int)Math.Min(skip, int.MaxValue));
            if (take >= 0)
            {
                members = members.Take((int)Math.Min(take, int.MaxValue));
            }

            return Task.FromResult<IReadOnlyList<ScoredMember>>(members.ToList());
        }
    }

    public Task<IReadOnlyList<ScoredMember>> SortedSetRangeByRankAsync(StoreKey key, long start = 0, long stop = -1, StoreOrder order = StoreOrder.Ascending, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var sorted = Sorted(key, order);
            return Task.FromResult<IReadOnlyList<ScoredMember>>(Slice(sorted, start, stop));
        }
    }

    public Task<long> SortedSetCountAsync(StoreKey key, double min = double.NegativeInfinity, double max = double.PositiveInfinity, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var set = Find<SortedSetEntry>(key);
            return Task.FromResult(set is null ? 0L : set.Scores.Values.LongCount(score => score >= min && score <= max));
        }
    }

    public Task<double?> SortedSetScoreAsync(StoreKey key, string member, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var set = Find<SortedSetEntry>(key);
            return Task.FromResult<double?>(set is not null && set.Scores.TryGetValue(member, out var score) ? score : null);
        }
    }

    public Task<long> ListAppendAsync(StoreKey key, string value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            return Task.FromResult(ListAppend(key, value));
        }
    }

    public Task<IReadOnlyList<string>> ListRangeAsync(StoreKey key, long start = 0, long stop = -1, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var list = Find<ListEntry>(key);
            return Task.FromResult<IReadOnlyList<string>>(list is null ? [] : Slice(list.Items, start, stop));
        }
    }

    public Task<long> ListLengthAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult((long)(Find<ListEntry>(key)?.Items.Count ?? 0));
        }
    }

    public Task ListTrimAsync(StoreKey key, long start, long stop, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var list = Find<ListEntry>(key);
            if (list is not null)
            {
                var kept = Slice(list.Items, start, stop);
                list.Items.Clear();
                list.Items.AddRange(kept);
                RemoveIfEmpty(key, list.Items.Count);
            }

            return Task.CompletedTask;
        }
    }

    public Task<bool> TryClaimAsync(StoreKey key, string owner, TimeSpan expiry, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(expiry, TimeSpan.Zero);
        lock (_gate)
        {
            if (Find<Entry>(key) is not null)
            {
                return Task.FromResult(false);
            }

            _entries[key.Relative] = new ClaimEntry(owner) { ExpiresAt = timeProvider.GetUtcNow() + expiry };
            return Task.FromResult(true);
        }
    }

    public Task<bool> ReleaseClaimAsync(StoreKey key, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        lock (_gate)
        {
            if (Find<Entry>(key) is not ClaimEntry claim || claim.Owner != owner)
            {
                return Task.FromResult(false);
            }

            _entries.Remove(key.Relative);
            return Task.FromResult(true);
        }
    }

    public Task<bool> ExtendClaimAsync(StoreKey key, string owner, TimeSpan expiry, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(expiry, TimeSpan.Zero);
        lock (_gate)
        {
            if (Find<Entry>(key) is not ClaimEntry claim || claim.Owner != owner)
            {
                return Task.FromResult(false);
            }

            claim.ExpiresAt = timeProvider.GetUtcNow() + expiry;
            return Task.FromResult(true);
        }
    }

    public Task<string?> GetClaimOwnerAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(Find<ClaimEntry>(key)?.Owner);
        }
    }

    public Task<string> StreamAppendAsync(StoreKey key, string payload, long? maxLength = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        lock (_gate)
        {
            var stream = FindOrAdd<StreamData>(key);
            var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
            var id = now > stream.LastId.Milliseconds ? new StreamId(now, 0) : new StreamId(stream.LastId.Milliseconds, stream.LastId.Sequence + 1);
            stream.LastId = id;
            stream.Entries.Add(id, payload);
            if (maxLength is { } cap)
            {
                while (stream.Entries.Count > cap)
                {
                    stream.Entries.RemoveAt(0);
                }
            }

            return Task.FromResult(id.ToString());
        }
    }

    public Task EnsureConsumerGroupAsync(StoreKey key, string group, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(group);
        lock (_gate)
        {
            FindOrAdd<StreamData>(key).Groups.TryAdd(group, new ConsumerGroup());
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<StreamEntry>> StreamReadAsync(StoreKey key, string group, string consumer, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        lock (_gate)
        {
            var (stream, consumerGroup) = FindGroup(key, group);
            var now = timeProvider.GetUtcNow();
            var delivered = new List<StreamEntry>();
            foreach (var (id, payload) in stream.Entries)
            {
                if (delivered.Count == count)
                {
                    break;
                }

                if (id.CompareTo(consumerGroup.LastDelivered) <= 0)
                {
                    continue;
                }

                consumerGroup.LastDelivered = id;
                consumerGroup.Pending[id] = new PendingDelivery(consumer, now);
                delivered.Add(new StreamEntry(id.ToString(), payload));
            }

            return Task.FromResult<IReadOnlyList<StreamEntry>>(delivered);
        }
    }

    public Task<long> StreamAcknowledgeAsync(StoreKey key, string group, IReadOnlyList<string> entryIds, bool deleteEntries = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entryIds);
        lock (_gate)
        {
            var (stream, consumerGroup) = FindGroup(key, group);
            long acknowledged = 0;
            foreach (var id in entryIds.Select(StreamId.Parse))
            {
                if (consumerGroup.Pending.Remove(id))
                {
                    acknowledged++;
                }

                if (deleteEntries)
                {
                    stream.Entries.Remove(id);
                }
            }

            return Task.FromResult(acknowledged);
        }
    }

    public Task<IReadOnlyList<StreamEntry>> StreamClaimIdleAsync(StoreKey key, string group, string consumer, TimeSpan minIdle, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        lock (_gate)
        {
            var (stream, consumerGroup) = FindGroup(key, group);
            var now = timeProvider.GetUtcNow();
            var claimed = new List<StreamEntry>();
            foreach (var (id, delivery) in consumerGroup.Pending.ToList())
            {
                if (claimed.Count == count)
                {
                    break;
                }

                if (now - delivery.DeliveredAt < minIdle)
                {
                    continue;
                }

                if (!stream.Entries.TryGetValue(id, out var payload))
                {
                    // Like XAUTOCLAIM: a pending entry deleted from the stream leaves the pending list.
                    consumerGroup.Pending.Remove(id);
                    continue;
                }

                consumerGroup.Pending[id] = new PendingDelivery(consumer, now);
                claimed.Add(new StreamEntry(id.ToString(), payload));
            }

            return Task.FromResult<IReadOnlyList<StreamEntry>>(claimed);
        }
    }

    public Task<long> StreamLengthAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult((long)(Find<StreamData>(key)?.Entries.Count ?? 0));
        }
    }

    public Task<long> StreamPendingCountAsync(StoreKey key, string group, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult((long)FindGroup(key, group).Group.Pending.Count);
        }
    }

    public Task<TimeSpan> PingAsync(CancellationToken cancellationToken = default) => Task.FromResult(TimeSpan.Zero);

    private void Apply(TransactionWrite write)
    {
        switch (write)
        {
            case PutDocumentWrite put:
                PutDocument(put.Key, put.Utf8Json, put.TimeToLive);
                break;
            case DeleteWrite delete:
                _entries.Remove(delete.Key.Relative);
                break;
            case SortedSetAddWrite add:
                SortedSetAdd(add.Key, add.Member, add.Score);
                break;
            case SortedSetRemoveWrite remove:
                SortedSetRemove(remove.Key, remove.Member);
                break;
            case IncrementWrite increment:
                FindOrAdd<CounterEntry>(increment.Key).Value += increment.By;
                break;
            case IncrementFieldWrite increment:
                IncrementField(FindOrAdd<FieldCountersEntry>(increment.Key), increment.Field, increment.By);
                break;
            case ListAppendWrite append:
                ListAppend(append.Key, append.Value);
                break;
            case ExpireWrite expire:
                if (Find<Entry>(expire.Key) is { } entry)
                {
                    entry.ExpiresAt = timeProvider.GetUtcNow() + expire.TimeToLive;
                }

                break;
            default:
                throw new NotSupportedException($"Unknown write {write.GetType().Name}.");
        }
    }

    private long PutDocument(StoreKey key, byte[] data, TimeSpan? timeToLive)
    {
        var document = FindOrAdd<DocumentEntry>(key);
        document.Data = data;
        document.Version++;
        document.ExpiresAt = timeToLive is { } ttl ? timeProvider.GetUtcNow() + ttl : null;
        return document.Version;
    }

    private bool HasVersion(StoreKey key, long version) => Find<Entry>(key) is DocumentEntry document && document.Version == version;

    private bool SortedSetAdd(StoreKey key, string member, double score)
    {
        var set = FindOrAdd<SortedSetEntry>(key);
        var added = !set.Scores.ContainsKey(member);
        set.Scores[member] = score;
        return added;
    }

    private bool SortedSetRemove(StoreKey key, string member)
    {
        var set = Find<SortedSetEntry>(key);
        if (set is null || !set.Scores.Remove(member))
        {
            return false;
        }

        RemoveIfEmpty(key, set.Scores.Count);
        return true;
    }

    private List<ScoredMember> Sorted(StoreKey key, StoreOrder order)
    {
        var set = Find<SortedSetEntry>(key);
        if (set is null)
        {
            return [];
        }

        // Redis orders equal scores by member, byte-wise.
        var ascending = set.Scores.Select(pair => new ScoredMember(pair.Key, pair.Value))
            .OrderBy(member => member.Score)
            .ThenBy(member => member.Member, StringComparer.Ordinal);
        return order == StoreOrder.Descending ? ascending.Reverse().ToList() : ascending.ToList();
    }

    private long ListAppend(StoreKey key, string value)
    {
        var list = FindOrAdd<ListEntry>(key);
        list.Items.Add(value);
        return list.Items.Count;
    }

    // Redis range rules: inclusive, negative indexes count from the end, out-of-range bounds are clamped.
    private static List<T> Slice<T>(IReadOnlyList<T> items, long start, long stop)
    {
        long count = items.Count;
        if (start < 0)
        {
            start = Math.Max(0, start + count);
        }

        if (stop < 0)
        {
            stop += count;
        }

        stop = Math.Min(stop, count - 1);
        var slice = new List<T>();
        for (var index = start; index <= stop; index++)
        {
            slice.Add(items[(int)index]);
        }

        return slice;
    }

    private static long IncrementField(FieldCountersEntry counters, string field, long by)
    {
        counters.Fields.TryGetValue(field, out var value);
        value += by;
        counters.Fields[field] = value;
        return value;
    }

    private void ExpireIfPersistent(Entry entry, TimeSpan? timeToLive)
    {
        if (timeToLive is { } ttl && entry.ExpiresAt is null)
        {
            entry.ExpiresAt = timeProvider.GetUtcNow() + ttl;
        }
    }

    private (StreamData Stream, ConsumerGroup Group) FindGroup(StoreKey key, string group)
    {
        var stream = Find<StreamData>(key);
        if (stream is null || !stream.Groups.TryGetValue(group, out var consumerGroup))
        {
            throw new InvalidOperationException($"NOGROUP: no consumer group '{group}' on stream '{key}'. Call EnsureConsumerGroupAsync first.");
        }

        return (stream, consumerGroup);
    }

    private void RemoveIfEmpty(StoreKey key, int count)
    {
        // Redis deletes a collection key once it is empty; KeyAbsent conditions depend on that.
        if (count == 0)
        {
            _entries.Remove(key.Relative);
        }
    }

    private TEntry? Find<TEntry>(StoreKey key)
        where TEntry : Entry
    {
        if (!_entries.TryGetValue(key.Relative, out var entry))
        {
            return null;
        }

        if (entry.ExpiresAt is { } expiresAt && timeProvider.GetUtcNow() >= expiresAt)
        {
            _entries.Remove(key.Relative);
            return null;
        }

        return entry as TEntry ?? throw new InvalidOperationException($"WRONGTYPE: '{key}' holds a {entry.GetType().Name}, not a {typeof(TEntry).Name}.");
    }

    private TEntry FindOrAdd<TEntry>(StoreKey key)
        where TEntry : Entry, new()
    {
        var entry = Find<TEntry>(key);
        if (entry is null)
        {
            entry = new TEntry();
            _entries[key.Relative] = entry;
        }

        return entry;
    }

    private abstract class Entry
    {
        public DateTimeOffset? ExpiresAt { get; set; }
    }

    private sealed class DocumentEntry : Entry
    {
        public byte[] Data { get; set; } = [];

        public long Version { get; set; }
    }

    private sealed class CounterEntry : Entry
    {
        public long Value { get; set; }
    }

    private sealed class ClaimEntry(string owner) : Entry
    {
        public string Owner { get; } = owner;
    }

    private sealed class FieldCountersEntry : Entry
    {
        public Dictionary<string, long> Fields { get; } = new(StringComparer.Ordinal);
    }

    private sealed class SortedSetEntry : Entry
    {
        public Dictionary<string, double> Scores { get; } = new(StringComparer.Ordinal);
    }

    private sealed class ListEntry : Entry
    {
        public List<string> Items { get; } = [];
    }

    private sealed class StreamData : Entry
    {
        public SortedList<StreamId, string> Entries { get; } = [];

        public StreamId LastId { get; set; }

        public Dictionary<string, ConsumerGroup> Groups { get; } = new(StringComparer.Ordinal);
    }

    private sealed class ConsumerGroup
    {
        public StreamId LastDelivered { get; set; }

        public SortedDictionary<StreamId, PendingDelivery> Pending { get; } = [];
    }

    private sealed record PendingDelivery(string Consumer, DateTimeOffset DeliveredAt);

    private readonly record struct StreamId(long Milliseconds, long Sequence) : IComparable<StreamId>
    {
        public static StreamId Parse(string id)
        {
            var dash = id.IndexOf('-', StringComparison.Ordinal);
            return dash < 0
                ? new StreamId(long.Parse(id, CultureInfo.InvariantCulture), 0)
                : new StreamId(long.Parse(id.AsSpan(0, dash), CultureInfo.InvariantCulture), long.Parse(id.AsSpan(dash + 1), CultureInfo.InvariantCulture));
        }

        public int CompareTo(StreamId other)
        {
            var byTime = Milliseconds.CompareTo(other.Milliseconds);
            return byTime != 0 ? byTime : Sequence.CompareTo(other.Sequence);
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Milliseconds}-{Sequence}");
    }
}
