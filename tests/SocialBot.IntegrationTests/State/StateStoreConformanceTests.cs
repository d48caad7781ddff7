using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Serialization;
using SocialBot.Bot.State;

namespace SocialBot.IntegrationTests.State;

/// <summary>
/// The behaviour every <see cref="IStateStore"/> adapter must share. Derived classes supply the store and
/// a way to let time pass (a fake clock in memory, real waiting against redis-server).
/// </summary>
public abstract class StateStoreConformanceTests : IAsyncLifetime
{
    private const string Tenant = "tenant-a";

    internal IStateStore Store { get; private set; } = null!;

    /// <summary>Long enough that a busy machine does not expire it before the next line runs.</summary>
    internal abstract TimeSpan ShortTimeToLive { get; }

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    internal abstract Task<IStateStore> CreateStoreAsync();

    /// <summary>Lets at least <paramref name="elapsed"/> pass for the store.</summary>
    internal abstract Task LetTimePassAsync(TimeSpan elapsed);

    /// <summary>Whether <paramref name="condition"/> holds now or (for a real server expiring keys lazily) soon.</summary>
    internal abstract Task<bool> EventuallyAsync(Func<Task<bool>> condition);

    private async Task<bool> AfterTimePassesAsync(TimeSpan elapsed, Func<Task<bool>> condition)
    {
        await LetTimePassAsync(elapsed);
        return await EventuallyAsync(condition);
    }

    private static StoreKey Key(params string[] parts) => StoreKey.For(Tenant, parts);

    private static byte[] Json(string json) => Encoding.UTF8.GetBytes(json);

    [Fact]
    public async Task Get_MissingDocument_ReturnsNull()
    {
        Assert.Null(await Store.GetAsync(Key("doc", "missing")));
    }

    [Fact]
    public async Task GetMany_PresentAndMissing_LinesUpWithTheKeys()
    {
        await Store.PutAsync(Key("many", "a"), Json("""{"n":1}"""), PutCondition.Always);
        await Store.PutAsync(Key("many", "b"), Json("""{"n":2}"""), PutCondition.Always);
        await Store.PutAsync(Key("many", "b"), Json("""{"n":3}"""), PutCondition.Always);

        var documents = await Store.GetManyAsync([Key("many", "b"), Key("many", "missing"), Key("many", "a")]);

        Assert.Equal(3, documents.Count);
        Assert.Equal(("""{"n":3}""", 2L), (documents[0]!.Json, documents[0]!.Version));
        Assert.Null(documents[1]);
        Assert.Equal(("""{"n":1}""", 1L), (documents[2]!.Json, documents[2]!.Version));
        Assert.Empty(await Store.GetManyAsync([]));
    }

    [Fact]
    public async Task GetExisting_MoreKeysThanOneRoundTripCarries_EveryPresentDocumentInKeyOrder()
    {
        var keys = Enumerable.Range(0, 2_500).Select(i => Key("existing", i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var written = new List<string>();
        foreach (var (key, i) in keys.Select((key, i) => (key, i)).Where(k => k.i % 3 != 1))
        {
            await Store.PutAsync(key, new CasLedger([$"w{i}"]), StateTestJsonContext.Default.CasLedger, PutCondition.Always);
            written.Add($"w{i}");
        }

        var read = await Store.GetExistingAsync(keys, StateTestJsonContext.Default.CasLedger);

        Assert.Equal(written, read.Select(ledger => Assert.Single(ledger.Writers)));
    }

    [Fact]
    public async Task Put_IfAbsentOnExistingDocument_ConflictsAndKeepsFirstValue()
    {
        var key = Key("doc", "create-only");

        var first = await Store.PutAsync(key, Json("""{"n":1}"""), PutCondition.IfAbsent);
        var second = await Store.PutAsync(key, Json("""{"n":2}"""), PutCondition.IfAbsent);

        Assert.Equal(new PutResult(true, 1), first);
        Assert.False(second.Succeeded);
        var stored = await Store.GetAsync(key);
        Assert.Equal("""{"n":1}""", stored!.Json);
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task Put_IfVersionMatches_SucceedsAndBumpsVersion()
    {
        var key = Key("doc", "cas-ok");
        await Store.PutAsync(key, Json("""{"n":1}"""), PutCondition.Always);

        var result = await Store.PutAsync(key, Json("""{"n":2}"""), PutCondition.IfVersion(1));

        Assert.Equal(new PutResult(true, 2), result);
        var stored = await Store.GetAsync(key);
        Assert.Equal(("""{"n":2}""", 2L), (stored!.Json, stored.Version));
    }

    [Fact]
    public async Task Put_IfVersionStale_ConflictsAndKeepsValue()
    {
        var key = Key("doc", "cas-stale");
        await Store.PutAsync(key, Json("""{"n":1}"""), PutCondition.Always);
        await Store.PutAsync(key, Json("""{"n":2}"""), PutCondition.Always);

        var result = await Store.PutAsync(key, Json("""{"n":3}"""), PutCondition.IfVersion(1));

        Assert.Equal(PutResult.Conflict, result);
        Assert.Equal("""{"n":2}""", (await Store.GetAsync(key))!.Json);
    }

    [Fact]
    public async Task Put_IfVersionOnMissingDocument_Conflicts()
    {
        var result = await Store.PutAsync(Key("doc", "cas-missing"), Json("{}"), PutCondition.IfVersion(1));

        Assert.False(result.Succeeded);
        Assert.Null(await Store.GetAsync(Key("doc", "cas-missing")));
    }

    [Fact]
    public async Task Delete_IfVersion_DeletesOnlyMatchingVersion()
    {
        var key = Key("doc", "delete");
        await Store.PutAsync(key, Json("{}"), PutCondition.Always);
        await Store.PutAsync(key, Json("{}"), PutCondition.Always);

        var staleDelete = await Store.DeleteAsync(key, ifVersion: 1);
        Assert.False(staleDelete);
        Assert.NotNull(await Store.GetAsync(key));

        var delete = await Store.DeleteAsync(key, ifVersion: 2);
        Assert.True(delete);
        Assert.Null(await Store.GetAsync(key));
        Assert.False(await Store.DeleteAsync(key));
    }

    [Fact]
    public async Task Put_WithTimeToLive_DocumentExpires()
    {
        var key = Key("doc", "ttl");
        await Store.PutAsync(key, Json("{}"), PutCondition.Always, ShortTimeToLive);
        Assert.NotNull(await Store.GetAsync(key));

        var expired = await AfterTimePassesAsync(ShortTimeToLive, async () => await Store.GetAsync(key) is null);

        Assert.True(expired, "The document should have expired.");
        Assert.True((await Store.PutAsync(key, Json("{}"), PutCondition.IfAbsent)).Succeeded);
    }

    [Fact]
    public async Task Put_WithoutTimeToLive_RemovesEarlierExpiry()
    {
        var key = Key("doc", "persist");
        await Store.PutAsync(key, Json("{}"), PutCondition.Always, ShortTimeToLive);
        await Store.PutAsync(key, Json("""{"kept":true}"""), PutCondition.IfVersion(1));

        // Wait past the first expiry, then check the document survived it.
        await LetTimePassAsync(ShortTimeToLive * 2);

        Assert.Equal(2, (await Store.GetAsync(key))?.Version);
    }

    [Fact]
    public async Task TypedPut_ThenGet_RoundTripsThroughSourceGeneratedJson()
    {
        var key = Key("doc", "typed");
        var written = new CasLedger(["a", "b"]);

        var put = await Store.PutAsync(key, written, StateTestJsonContext.Default.CasLedger, PutCondition.IfAbsent);
        var read = await Store.GetAsync(key, StateTestJsonContext.Default.CasLedger);

        Assert.True(put.Succeeded);
        Assert.Equal(written.Writers, read!.Value.Writers);
        Assert.Equal(put.Version, read.Version);
    }

    [Fact]
    public async Task Increment_ThousandParallel_SumsExactly()
    {
        var key = Key("counter", "parallel");

        var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(() => Store.IncrementAsync(key))));

        Assert.Equal(1000, await Store.GetCounterAsync(key));
        Assert.Equal(Enumerable.Range(1, 1000).Select(n => (long)n), results.Order());
    }

    [Fact]
    public async Task Increment_WithTimeToLive_ExpiresFixedTimeAfterCreation()
    {
        var key = Key("counter", "window");
        await Store.IncrementAsync(key, 5, ShortTimeToLive);
        Assert.Equal(7, await Store.IncrementAsync(key, 2, ShortTimeToLive * 100));

        var expired = await AfterTimePassesAsync(ShortTimeToLive, async () => await Store.GetCounterAsync(key) == 0);

        Assert.True(expired, "The counter should expire with its first time to live.");
    }

    [Fact]
    public async Task IncrementField_ManyTerms_ReadAllReturnsEachSum()
    {
        var key = Key("trends", "2025010112");

        await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Store.IncrementFieldAsync(key, i % 3 == 0 ? "dotnet" : "teams")));
        await Store.IncrementFieldAsync(key, "redis", 7);

        var counters = await Store.GetFieldCountersAsync(key);
        Assert.Equal(new Dictionary<string, long> { ["dotnet"] = 20, ["teams"] = 40, ["redis"] = 7 }, counters);
        Assert.Empty(await Store.GetFieldCountersAsync(Key("trends", "never")));
    }

    [Fact]
    public async Task TryClaim_HundredConcurrentClaimers_ExactlyOneWins()
    {
        var key = Key("claim", "race");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(async () => (Owner: $"worker-{i}", Won: await Store.TryClaimAsync(key, $"worker-{i}", TimeSpan.FromMinutes(1))))));

        var winner = Assert.Single(outcomes, outcome => outcome.Won);
        Assert.Equal(winner.Owner, await Store.GetClaimOwnerAsync(key));
    }

    [Fact]
    public async Task ReleaseClaim_ByAnotherOwner_KeepsClaimUntilOwnerReleases()
    {
        var key = Key("claim", "release");
        await Store.TryClaimAsync(key, "owner", TimeSpan.FromMinutes(1));

        Assert.False(await Store.ReleaseClaimAsync(key, "intruder"));
        Assert.False(await Store.ExtendClaimAsync(key, "intruder", TimeSpan.FromMinutes(5)));
        Assert.False(await Store.TryClaimAsync(key, "intruder", TimeSpan.FromMinutes(1)));

        Assert.True(await Store.ReleaseClaimAsync(key, "owner"));
        Assert.Null(await Store.GetClaimOwnerAsync(key));
        Assert.True(await Store.TryClaimAsync(key, "intruder", TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task TryClaim_AfterExpiry_AnotherOwnerCanClaim()
    {
        var key = Key("claim", "expiry");
        Assert.True(await Store.TryClaimAsync(key, "first", ShortTimeToLive));
        Assert.False(await Store.TryClaimAsync(key, "second", ShortTimeToLive));

        var reclaimed = await AfterTimePassesAsync(ShortTimeToLive, () => Store.TryClaimAsync(key, "second", TimeSpan.FromMinutes(1)));

        Assert.True(reclaimed);
        Assert.Equal("second", await Store.GetClaimOwnerAsync(key));
        Assert.False(await Store.ReleaseClaimAsync(key, "first"));
    }

    [Fact]
    public async Task ExtendClaim_ByOwner_OutlivesOriginalExpiry()
    {
        var key = Key("claim", "extend");
        await Store.TryClaimAsync(key, "owner", ShortTimeToLive);

        Assert.True(await Store.ExtendClaimAsync(key, "owner", TimeSpan.FromMinutes(5)));

        await LetTimePassAsync(ShortTimeToLive * 2);

        Assert.Equal("owner", await Store.GetClaimOwnerAsync(key));
    }

    [Fact]
    public async Task Commit_ConditionsHold_AppliesEveryWrite()
    {
        var draft = Key("draft", "1");
        var decision = Key("decision", "1");
        await Store.PutAsync(draft, Json("""{"state":"pending"}"""), PutCondition.Always);

        var committed = await Store.CommitAsync(new StoreTransaction()
            .RequireVersion(draft, 1)
            .RequireAbsent(decision)
            .PutDocument(draft, Json("""{"state":"approved"}"""))
            .PutDocument(decision, Json("""{"by":"ann"}"""), TimeSpan.FromDays(1))
            .ListAppend(Key("audit"), "approved:1")
            .SortedSetRemove(Key("index", "pending"), "1")
            .SortedSetAdd(Key("index", "approved"), "1", 42)
            .Increment(Key("counter", "approved"))
            .IncrementField(Key("stats"), "approved", 2));

        Assert.True(committed);
        var stored = await Store.GetAsync(draft);
        Assert.Equal(("""{"state":"approved"}""", 2L), (stored!.Json, stored.Version));
        Assert.Equal(1, (await Store.GetAsync(decision))!.Version);
        Assert.Equal(["approved:1"], await Store.ListRangeAsync(Key("audit")));
        Assert.Equal(42, await Store.SortedSetScoreAsync(Key("index", "approved"), "1"));
        Assert.Equal(1, await Store.GetCounterAsync(Key("counter", "approved")));
        Assert.Equal(2, (await Store.GetFieldCountersAsync(Key("stats")))["approved"]);
    }

    [Fact]
    public async Task Commit_OneConditionFails_AppliesNothing()
    {
        var draft = Key("draft", "2");
        var decision = Key("decision", "2");
        await Store.PutAsync(draft, Json("""{"state":"pending"}"""), PutCondition.Always);
        await Store.SortedSetAddAsync(Key("index", "pending"), "2", 1);
        await Store.PutAsync(decision, Json("""{"by":"bob"}"""), PutCondition.IfAbsent);

        var committed = await Store.CommitAsync(new StoreTransaction()
            .RequireVersion(draft, 1)
            .RequireAbsent(decision)
            .PutDocument(draft, Json("""{"state":"rejected"}"""))
            .Delete(Key("index", "pending"))
            .ListAppend(Key("audit"), "rejected:2")
            .Increment(Key("counter", "rejected"))
            .Expire(draft, TimeSpan.FromMilliseconds(1)));

        Assert.False(committed);
        var stored = await Store.GetAsync(draft);
        Assert.Equal(("""{"state":"pending"}""", 1L), (stored!.Json, stored.Version));
        Assert.Equal(1, await Store.SortedSetCountAsync(Key("index", "pending")));
        Assert.Equal(0, await Store.ListLengthAsync(Key("audit")));
        Assert.Equal(0, await Store.GetCounterAsync(Key("counter", "rejected")));
    }

    [Fact]
    public async Task Put_FiftyConcurrentCasWriters_EveryWriteSeenExactlyOnce()
    {
        var key = Key("doc", "contended");
        var typeInfo = StateTestJsonContext.Default.CasLedger;
        await Store.PutAsync(key, new CasLedger([]), typeInfo, PutCondition.IfAbsent);
        var conflicts = new ConcurrentBag<string>();

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            var writer = $"w{i}";
            while (true)
            {
                var current = (await Store.GetAsync(key, typeInfo))!;
                var next = new CasLedger([.. current.Value.Writers, writer]);
                if ((await Store.PutAsync(key, next, typeInfo, PutCondition.IfVersion(current.Version))).Succeeded)
                {
                    return;
                }

                conflicts.Add(writer);
            }
        })));

        var final = (await Store.GetAsync(key, typeInfo))!;
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"w{i}").Order(), final.Value.Writers.Order());
        Assert.Equal(51, final.Version);
    }

    [Fact]
    public async Task SortedSet_RangesByScoreAndRank_OrderAndPage()
    {
        var key = Key("index", "scheduled");
        for (var i = 1; i <= 10; i++)
        {
            Assert.True(await Store.SortedSetAddAsync(key, $"m{i:00}", i * 10));
        }

        Assert.False(await Store.SortedSetAddAsync(key, "m05", 55));

        var page = await Store.SortedSetRangeByScoreAsync(key, 20, 80, StoreOrder.Ascending, skip: 1, take: 3);
        Assert.Equal([new("m03", 30), new("m04", 40), new("m05", 55)], page);

        var newest = await Store.SortedSetRangeByScoreAsync(key, order: StoreOrder.Descending, take: 2);
        Assert.Equal(["m10", "m09"], newest.Select(member => member.Member));

        var lastTwo = await Store.SortedSetRangeByRankAsync(key, -2, -1);
        Assert.Equal(["m09", "m10"], lastTwo.Select(member => member.Member));
        var topThree = await Store.SortedSetRangeByRankAsync(key, 0, 2, StoreOrder.Descending);
        Assert.Equal(["m10", "m09", "m08"], topThree.Select(member => member.Member));

        Assert.Equal(10, await Store.SortedSetCountAsync(key));
        Assert.Equal(3, await Store.SortedSetCountAsync(key, 50, 70));
        Assert.True(await Store.SortedSetRemoveAsync(key, "m01"));
        Assert.False(await Store.SortedSetRemoveAsync(key, "m01"));
        Assert.Null(await Store.SortedSetScoreAsync(key, "m01"));
        Assert.Empty(await Store.SortedSetRangeByScoreAsync(Key("index", "empty")));
    }

    [Fact]
    public async Task SortedSet_EqualScores_OrderByMember()
    {
        var key = Key("index", "ties");
        await Store.SortedSetAddAsync(key, "b", 1);
        await Store.SortedSetAddAsync(key, "a", 1);
        await Store.SortedSetAddAsync(key, "c", 1);

        Assert.Equal(["a", "b", "c"], (await Store.SortedSetRangeByRankAsync(key)).Select(m => m.Member));
        Assert.Equal(["c", "b", "a"], (await Store.SortedSetRangeByScoreAsync(key, order: StoreOrder.Descending)).Select(m => m.Member));
    }

    [Fact]
    public async Task RemovingLastMember_DeletesKey_SoRequireAbsentHolds()
    {
        var key = Key("index", "drained");
        await Store.SortedSetAddAsync(key, "only", 1);
        await Store.SortedSetRemoveAsync(key, "only");

        Assert.True(await Store.CommitAsync(new StoreTransaction().RequireAbsent(key).SortedSetAdd(key, "again", 2)));
    }

    [Fact]
    public async Task List_AppendRangeAndTrim_KeepsOrder()
    {
        var key = Key("audit", "draft-7");
        for (var i = 1; i <= 5; i++)
        {
            Assert.Equal(i, await Store.ListAppendAsync(key, $"e{i}"));
        }

        Assert.Equal(["e1", "e2", "e3", "e4", "e5"], await Store.ListRangeAsync(key));
        Assert.Equal(["e2", "e3"], await Store.ListRangeAsync(key, 1, 2));
        Assert.Equal(["e4", "e5"], await Store.ListRangeAsync(key, -2));
        Assert.Empty(await Store.ListRangeAsync(key, 10, 20));

        await Store.ListTrimAsync(key, -3, -1);

        Assert.Equal(["e3", "e4", "e5"], await Store.ListRangeAsync(key));
        Assert.Equal(3, await Store.ListLengthAsync(key));
        Assert.Empty(await Store.ListRangeAsync(Key("audit", "none")));
    }

    [Fact]
    public async Task Stream_TwoConsumersInOneGroup_EachEntryDeliveredOnce()
    {
        var key = Key("queue", "mentions");
        await Store.EnsureConsumerGroupAsync(key, "workers");
        await Store.EnsureConsumerGroupAsync(key, "workers");
        var appended = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            appended.Add(await Store.StreamAppendAsync(key, $$"""{"n":{{i}}}"""));
        }

        var first = await Store.StreamReadAsync(key, "workers", "alpha", 4);
        var second = await Store.StreamReadAsync(key, "workers", "beta", 100);
        var nothingLeft = await Store.StreamReadAsync(key, "workers", "alpha", 100);

        Assert.Equal(4, first.Count);
        Assert.Equal(6, second.Count);
        Assert.Empty(nothingLeft);
        Assert.Equal(appended, first.Concat(second).Select(entry => entry.Id));
        Assert.Equal("""{"n":0}""", first[0].Payload);
        Assert.Equal(10, await Store.StreamPendingCountAsync(key, "workers"));

        Assert.Equal(4, await Store.StreamAcknowledgeAsync(key, "workers", first.Select(entry => entry.Id).ToList()));
        Assert.Equal(0, await Store.StreamAcknowledgeAsync(key, "workers", [first[0].Id]));
        Assert.Equal(6, await Store.StreamPendingCountAsync(key, "workers"));
        Assert.Equal(10, await Store.StreamLengthAsync(key));

        Assert.Equal(2, await Store.StreamAcknowledgeAsync(key, "workers", second.Take(2).Select(entry => entry.Id).ToList(), deleteEntries: true));
        Assert.Equal(8, await Store.StreamLengthAsync(key));
        Assert.Equal(4, await Store.StreamPendingCountAsync(key, "workers"));
    }

    [Fact]
    public async Task Stream_UnacknowledgedEntries_ReclaimedByAnotherConsumerAfterIdle()
    {
        var key = Key("queue", "stale");
        await Store.EnsureConsumerGroupAsync(key, "workers");
        await Store.StreamAppendAsync(key, "a");
        await Store.StreamAppendAsync(key, "b");
        var crashed = await Store.StreamReadAsync(key, "workers", "crashed", 10);
        var minIdle = ShortTimeToLive;

        Assert.Empty(await Store.StreamClaimIdleAsync(key, "workers", "rescuer", minIdle * 10, 10));

        var reclaimed = new List<StreamEntry>();
        var claimed = await AfterTimePassesAsync(minIdle, async () =>
        {
            reclaimed.AddRange(await Store.StreamClaimIdleAsync(key, "workers", "rescuer", minIdle, 10));
            return reclaimed.Count == 2;
        });

        Assert.True(claimed, "Both stale entries should move to the rescuer.");
        Assert.Equal(crashed.Select(entry => entry.Id), reclaimed.Select(entry => entry.Id));
        Assert.Equal(["a", "b"], reclaimed.Select(entry => entry.Payload));
        Assert.Equal(2, await Store.StreamPendingCountAsync(key, "workers"));
        // Claiming resets the idle time, so a second rescuer gets nothing right away.
        Assert.Empty(await Store.StreamClaimIdleAsync(key, "workers", "other", minIdle * 10, 10));

        await Store.StreamAcknowledgeAsync(key, "workers", reclaimed.Select(entry => entry.Id).ToList());
        Assert.Equal(0, await Store.StreamPendingCountAsync(key, "workers"));
    }

    [Fact]
    public async Task Stream_AppendWithMaxLength_KeepsAtLeastTheNewestEntries()
    {
        var key = Key("queue", "capped");
        var ids = new List<string>();
        for (var i = 0; i < 300; i++)
        {
            ids.Add(await Store.StreamAppendAsync(key, $"{i}", maxLength: 100));
        }

        var length = await Store.StreamLengthAsync(key);
        Assert.InRange(length, 100, 299);
        await Store.EnsureConsumerGroupAsync(key, "readers");
        var entries = await Store.StreamReadAsync(key, "readers", "r", 1000);
        Assert.Equal(ids.TakeLast((int)length), entries.Select(entry => entry.Id));
    }

    [Fact]
    public async Task Ping_ReachableStore_Answers()
    {
        Assert.True(await Store.PingAsync() >= TimeSpan.Zero);
    }
}

internal sealed record CasLedger(IReadOnlyList<string> Writers);

[JsonSerializable(typeof(CasLedger))]
internal sealed partial class StateTestJsonContext : JsonSerializerContext;
