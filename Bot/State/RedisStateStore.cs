using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SocialBot.Bot.State;

/// <summary>
/// <see cref="IStateStore"/> on Redis through the one shared multiplexer. Documents are hashes
/// <c>{v: version, d: utf8 json}</c> so a transaction can guard them with <see cref="Condition.HashEqual"/>.
/// Nothing is awaited inside a transaction: results are read after EXEC.
/// </summary>
internal sealed class RedisStateStore(IConnectionMultiplexer multiplexer, IOptions<StateStoreOptions> options) : IStateStore
{
    private static readonly RedisValue VersionField = "v";
    private static readonly RedisValue DataField = "d";
    private static readonly RedisValue[] DocumentFields = [VersionField, DataField];
    private static readonly RedisValue PayloadField = "d";

    // Server replies that mean "not now" rather than "wrong command": a restarting, failing-over or resharding server.
    private static readonly string[] TransientServerErrors = ["LOADING", "READONLY", "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN", "NOREPLICAS"];

    // Extend or release a claim only while it is still the owner's, in one round trip (a WATCH-guarded transaction
    // needs two: WATCH + GET to check the owner, then MULTI/EXEC). Every finished turn extends its claim.
    private const string ExtendClaimScript = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0";
    private const string ReleaseClaimScript = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

    private readonly string _prefix = options.Value.KeyPrefix;

    public Task<StoredDocument?> GetAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        Run(async db => Document(await db.HashGetAsync(Key(key), DocumentFields).ConfigureAwait(false)), cancellationToken);

    public Task<IReadOnlyList<StoredDocument?>> GetManyAsync(IReadOnlyList<StoreKey> keys, CancellationToken cancellationToken = default) =>
        Run<IReadOnlyList<StoredDocument?>>(async db =>
        {
            // Sent together and answered together: the multiplexer pipelines the commands of one batch.
            var batch = db.CreateBatch();
            var reads = keys.Select(key => batch.HashGetAsync(Key(key), DocumentFields)).ToArray();
            batch.Execute();
            var values = await Task.WhenAll(reads).ConfigureAwait(false);
            return [.. values.Select(Document)];
        }, cancellationToken);

    public Task<PutResult> PutAsync(StoreKey key, ReadOnlyMemory<byte> utf8Json, PutCondition condition, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default) =>
        Run(async db =>
        {
            var redisKey = Key(key);
            var transaction = db.CreateTransaction();
            switch (condition.Kind)
            {
                case PutConditionKind.IfAbsent:
                    transaction.AddCondition(Condition.KeyNotExists(redisKey));
                    break;
                case PutConditionKind.IfVersion:
                    transaction.AddCondition(Condition.HashEqual(redisKey, VersionField, VersionValue(condition.Version)));
                    break;
            }

            var pending = new List<Task>(3);
            var version = QueuePutDocument(transaction, redisKey, utf8Json.ToArray(), timeToLive, pending);
            if (!await transaction.ExecuteAsync().ConfigureAwait(false))
            {
                return PutResult.Conflict;
            }

            await Task.WhenAll(pending).ConfigureAwait(false);
            return new PutResult(true, await version.ConfigureAwait(false));
        }, cancellationToken);

    public Task<bool> DeleteAsync(StoreKey key, long? ifVersion = null, CancellationToken cancellationToken = default) =>
        Run(async db =>
        {
            var redisKey = Key(key);
            if (ifVersion is null)
            {
                return await db.KeyDeleteAsync(redisKey).ConfigureAwait(false);
            }

            var transaction = db.CreateTransaction();
            transaction.AddCondition(Condition.HashEqual(redisKey, VersionField, VersionValue(ifVersion.Value)));
            var deleted = transaction.KeyDeleteAsync(redisKey);
            return await transaction.ExecuteAsync().ConfigureAwait(false) && await deleted.ConfigureAwait(false);
        }, cancellationToken);

    public Task<bool> CommitAsync(StoreTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return Run(async db =>
        {
            var redisTransaction = db.CreateTransaction();
            foreach (var condition in transaction.Conditions)
            {
                redisTransaction.AddCondition(condition switch
                {
                    DocumentVersionEquals c => Condition.HashEqual(Key(c.Key), VersionField, VersionValue(c.Version)),
                    KeyAbsent c => Condition.KeyNotExists(Key(c.Key)),
                    _ => throw new NotSupportedException($"Unknown condition {condition.GetType().Name}."),
                });
            }

            var pending = new List<Task>(transaction.Writes.Count * 2);
            foreach (var write in transaction.Writes)
            {
                QueueWrite(redisTransaction, write, pending);
            }

            if (!await redisTransaction.ExecuteAsync().ConfigureAwait(false))
            {
                return false;
            }

            // Surfaces command errors (e.g. a wrong key type) that EXEC reports per command.
            await Task.WhenAll(pending).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    public Task<long> IncrementAsync(StoreKey key, long by = 1, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default) =>
        Run(async db =>
        {
            var redisKey = Key(key);
            if (timeToLive is null)
            {
                return await db.StringIncrementAsync(redisKey, by).ConfigureAwait(false);
            }

            var transaction = db.CreateTransaction();
            var value = transaction.StringIncrementAsync(redisKey, by);
            var expire = transaction.KeyExpireAsync(redisKey, timeToLive.Value, ExpireWhen.HasNoExpiry);
            await transaction.ExecuteAsync().ConfigureAwait(false);
            await expire.ConfigureAwait(false);
            return await value.ConfigureAwait(false);
        }, cancellationToken);

    public Task<long> GetCounterAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        Run(async db =>
        {
            var value = await db.StringGetAsync(Key(key)).ConfigureAwait(false);
            return value.IsNull ? 0 : (long)value;
        }, cancellationToken);

    public Task<long> IncrementFieldAsync(StoreKey key, string field, long by = 1, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(field);
        return Run(async db =>
        {
            var redisKey = Key(key);
            if (timeToLive is null)
            {
                return await db.HashIncrementAsync(redisKey, field, by).ConfigureAwait(false);
            }

            var transaction = db.CreateTransaction();
            var value = transaction.HashIncrementAsync(redisKey, field, by);
            var expire = transaction.KeyExpireAsync(redisKey, timeToLive.Value, ExpireWhen.HasNoExpiry);
            await transaction.ExecuteAsync().ConfigureAwait(false);
            await expire.ConfigureAwait(false);
            return await value.ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, long>> GetFieldCountersAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        Run<IReadOnlyDictionary<string, long>>(async db =>
        {
            var entries = await db.HashGetAllAsync(Key(key)).ConfigureAwait(false);
            var counters = new Dictionary<string, long>(entries.Length, StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                counters[entry.Name!] = (long)entry.Value;
            }

            return counters;
        }, cancellationToken);

    public Task<bool> SortedSetAddAsync(StoreKey key, string member, double score, CancellationToken cancellationToken = default) =>
        Run(db => db.SortedSetAddAsync(Key(key), member, score), cancellationToken);

    public Task<bool> SortedSetRemoveAsync(StoreKey key, string member, CancellationToken cancellationToken = default) =>
        Run(db => db.SortedSetRemoveAsync(Key(key), member), cancellationToken);

    public Task<IReadOnlyList<ScoredMember>> SortedSetRangeByScoreAsync(StoreKey key, double min = double.NegativeInfinity, double max = double.PositiveInfinity, StoreOrder order = StoreOrder.Ascending, long skip = 0, long take = -1, CancellationToken cancellationToken = default) =>
        Run(async db =>
        {
            // Redis expects the bounds as given; for a descending range it swaps them itself.
            var entries = await db.SortedSetRangeByScoreWithScoresAsync(Key(key), min, max, Exclude.None, ToOrder(order), skip, take).ConfigureAwait(false);
            return ToMembers(entries);
        }, cancellationToken);

    public Task<IReadOnlyList<ScoredMember>> SortedSetRangeByRankAsync(StoreKey key, long start = 0, long stop = -1, StoreOrder order = StoreOrder.Ascending, CancellationToken cancellationToken = default) =>
        Run(async db => ToMembers(await db.SortedSetRangeByRankWithScoresAsync(Key(key), start, stop, ToOrder(order)).ConfigureAwait(false)), cancellationToken);

    public Task<long> SortedSetCountAsync(StoreKey key, double min = double.NegativeInfinity, double max = double.PositiveInfinity, CancellationToken cancellationToken = default) =>
        Run(db => db.SortedSetLengthAsync(Key(key), min, max), cancellationToken);

    public Task<double?> SortedSetScoreAsync(StoreKey key, string member, CancellationToken cancellationToken = default) =>
        Run(db => db.SortedSetScoreAsync(Key(key), member), cancellationToken);

    public Task<long> ListAppendAsync(StoreKey key, string value, CancellationToken cancellationToken = default) =>
        Run(db => db.ListRightPushAsync(Key(key), value), cancellationToken);

    public Task<IReadOnlyList<string>> ListRangeAsync(StoreKey key, long start = 0, long stop = -1, CancellationToken cancellationToken = default) =>
        Run<IReadOnlyList<string>>(async db =>
        {
            var values = await db.ListRangeAsync(Key(key), start, stop).ConfigureAwait(false);
            return Array.ConvertAll(values, value => (string)value!);
        }, cancellationToken);

    public Task<long> ListLengthAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        Run(db => db.ListLengthAsync(Key(key)), cancellationToken);

    public Task ListTrimAsync(StoreKey key, long start, long stop, CancellationToken cancellationToken = default) =>
        Run(async db =>
        {
            await db.ListTrimAsync(Key(key), start, stop).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task<bool> TryClaimAsync(StoreKey key, string owner, TimeSpan expiry, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(expiry, TimeSpan.Zero);
        return Run(db => db.StringSetAsync(Key(key), owner, expiry, When.NotExists), cancellationToken);
    }

    public Task<bool> ReleaseClaimAsync(StoreKey key, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        return Run(async db =>
            (long)await db.ScriptEvaluateAsync(ReleaseClaimScript, [Key(key)], [owner]).ConfigureAwait(false) == 1,
            cancellationToken);
    }

    public Task<bool> ExtendClaimAsync(StoreKey key, string owner, TimeSpan expiry, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(expiry, TimeSpan.Zero);
        return Run(async db =>
            (long)await db.ScriptEvaluateAsync(ExtendClaimScript, [Key(key)], [owner, (long)expiry.TotalMilliseconds]).ConfigureAwait(false) == 1,
            cancellationToken);
    }

    public Task<string?> GetClaimOwnerAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        Run(async db => (string?)await db.StringGetAsync(Key(key)).ConfigureAwait(false), cancellationToken);

    public Task<string> StreamAppendAsync(StoreKey key, string payload, long? maxLength = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return Run(async db =>
        {
            var id = await db.StreamAddAsync(Key(key), PayloadField, payload, maxLength: (int?)maxLength, useApproximateMaxLength: maxLength is not null).ConfigureAwait(false);
            return (string)id!;
        }, cancellationToken);
    }

    public Task EnsureConsumerGroupAsync(StoreKey key, string group, CancellationToken cancellationToken = default) =>
        Run(async db =>
        {
            try
            {
                return await db.StreamCreateConsumerGroupAsync(Key(key), group, StreamPosition.Beginning, createStream: true).ConfigureAwait(false);
            }
            catch (RedisServerException exception) when (exception.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
            {
                return false;
            }
        }, cancellationToken);

    public Task<IReadOnlyList<StreamEntry>> StreamReadAsync(StoreKey key, string group, string consumer, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return Run(async db => ToEntries(await db.StreamReadGroupAsync(Key(key), group, consumer, StreamPosition.NewMessages, count).ConfigureAwait(false)), cancellationToken);
    }

    public Task<long> StreamAcknowledgeAsync(StoreKey key, string group, IReadOnlyList<string> entryIds, bool deleteEntries = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entryIds);
        if (entryIds.Count == 0)
        {
            return Task.FromResult(0L);
        }

        var ids = entryIds.Select(id => (RedisValue)id).ToArray();
        return Run(async db =>
        {
            var redisKey = Key(key);
            if (!deleteEntries)
            {
                return await db.StreamAcknowledgeAsync(redisKey, group, ids).ConfigureAwait(false);
            }

            var transaction = db.CreateTransaction();
            var acknowledged = transaction.StreamAcknowledgeAsync(redisKey, group, ids);
            var deleted = transaction.StreamDeleteAsync(redisKey, ids);
            await transaction.ExecuteAsync().ConfigureAwait(false);
            await deleted.ConfigureAwait(false);
            return await acknowledged.ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<StreamEntry>> StreamClaimIdleAsync(StoreKey key, string group, string consumer, TimeSpan minIdle, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return Run(async db =>
        {
            var result = await db.StreamAutoClaimAsync(Key(key), group, consumer, (long)minIdle.TotalMilliseconds, "0-0", count).ConfigureAwait(false);
            return ToEntries(result.ClaimedEntries);
        }, cancellationToken);
    }

    public Task<long> StreamLengthAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        Run(db => db.StreamLengthAsync(Key(key)), cancellationToken);

    public Task<long> StreamPendingCountAsync(StoreKey key, string group, CancellationToken cancellationToken = default) =>
        Run(async db => (long)(await db.StreamPendingAsync(Key(key), group).ConfigureAwait(false)).PendingMessageCount, cancellationToken);

    public Task<TimeSpan> PingAsync(CancellationToken cancellationToken = default) =>
        Run(db => db.PingAsync(), cancellationToken);

    internal static bool IsUnavailable(Exception exception) => exception switch
    {
        RedisConnectionException or RedisTimeoutException or ObjectDisposedException => true,
        RedisServerException server => TransientServerErrors.Any(code => server.Message.StartsWith(code, StringComparison.Ordinal)),
        // The client's own "connection lost mid-command" and similar failures while the server restarts; a command
        // error is a bug in our code and stays one.
        RedisCommandException => false,
        RedisException => true,
        _ => false,
    };

    private async Task<T> Run<T>(Func<IDatabase, Task<T>> operation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await operation(multiplexer.GetDatabase()).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsUnavailable(exception))
        {
            throw new StoreUnavailableException("Redis is unavailable: " + exception.Message, exception);
        }
    }

    private RedisKey Key(StoreKey key) => key.Render(_prefix);

    private static StoredDocument? Document(RedisValue[] values) =>
        values[0].IsNull || values[1].IsNull ? null : new StoredDocument((byte[])values[1]!, (long)values[0]);

    private static RedisValue VersionValue(long version) => version.ToString(CultureInfo.InvariantCulture);

    private static Task<long> QueuePutDocument(ITransaction transaction, RedisKey key, byte[] utf8Json, TimeSpan? timeToLive, List<Task> pending)
    {
        var version = transaction.HashIncrementAsync(key, VersionField);
        pending.Add(version);
        pending.Add(transaction.HashSetAsync(key, DataField, utf8Json));
        pending.Add(timeToLive is { } ttl ? transaction.KeyExpireAsync(key, ttl) : transaction.KeyPersistAsync(key));
        return version;
    }

    private void QueueWrite(ITransaction transaction, TransactionWrite write, List<Task> pending)
    {
        var key = Key(write.Key);
        switch (write)
        {
            case PutDocumentWrite put:
                QueuePutDocument(transaction, key, put.Utf8Json, put.TimeToLive, pending);
                break;
            case DeleteWrite:
                pending.Add(transaction.KeyDeleteAsync(key));
                break;
            case SortedSetAddWrite add:
                pending.Add(transaction.SortedSetAddAsync(key, add.Member, add.Score));
                break;
            case SortedSetRemoveWrite remove:
                pending.Add(transaction.SortedSetRemoveAsync(key, remove.Member));
                break;
            case IncrementWrite increment:
                pending.Add(transaction.StringIncrementAsync(key, increment.By));
                break;
            case IncrementFieldWrite increment:
                pending.Add(transaction.HashIncrementAsync(key, increment.Field, increment.By));
                break;
            case ListAppendWrite append:
                pending.Add(transaction.ListRightPushAsync(key, append.Value));
                break;
            case ExpireWrite expire:
                pending.Add(transaction.KeyExpireAsync(key, expire.TimeToLive));
                break;
            default:
                throw new NotSupportedException($"Unknown write {write.GetType().Name}.");
        }
    }

    private static IReadOnlyList<ScoredMember> ToMembers(SortedSetEntry[] entries) =>
        Array.ConvertAll(entries, entry => new ScoredMember((string)entry.Element!, entry.Score));

    private static IReadOnlyList<StreamEntry> ToEntries(StackExchange.Redis.StreamEntry[] entries) =>
        entries.Where(entry => !entry.IsNull)
            .Select(entry => new StreamEntry((string)entry.Id!, (string?)entry[PayloadField] ?? string.Empty))
            .ToList();

    private static Order ToOrder(StoreOrder order) => order == StoreOrder.Descending ? Order.Descending : Order.Ascending;
}
