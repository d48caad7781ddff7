using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SocialBot.Bot.State;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.State;

/// <summary>Each test owns its redis-server, because it kills it.</summary>
public sealed class RedisStateStoreRecoveryTests
{
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(30);
    private static readonly StoreKey Document = StoreKey.For("tenant-a", "doc", "1");
    private static readonly StoreKey Counter = StoreKey.For("tenant-a", "counter");
    private static readonly StoreKey Trends = StoreKey.For("tenant-a", "trends", "hour");
    private static readonly StoreKey Queue = StoreKey.Global("queue");
    private static readonly StoreKey Audit = StoreKey.For("tenant-a", "audit");

    [Fact]
    public async Task Operations_RedisRestarts_FailAsUnavailableThenWorkOnSameStore()
    {
        await using var server = await RedisServer.StartNewAsync();
        using var connection = RedisConnection.Connect(server.ConnectionString);
        var store = NewStore(connection);
        var health = new StateStoreHealthCheck(store);
        Assert.True((await store.PutAsync(Document, "{}"u8.ToArray(), PutCondition.Always)).Succeeded);

        await server.StopAsync();

        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.GetAsync(Document));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.IncrementAsync(Counter));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.CommitAsync(new StoreTransaction().RequireAbsent(Counter).Increment(Counter)));
        Assert.Equal(HealthStatus.Unhealthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status);

        await server.StartAsync();

        Assert.True(await RecoversAsync(store), "The store should reconnect by itself after redis-server is back.");
        Assert.Equal(1, await store.IncrementAsync(StoreKey.For("tenant-a", "after-restart")));
        Assert.True((await store.PutAsync(StoreKey.For("tenant-a", "doc", "2"), "{}"u8.ToArray(), PutCondition.IfAbsent)).Succeeded);
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status);
    }

    [Fact]
    public async Task AcknowledgedWrites_RedisKilledAndRestarted_AreAllReadBack()
    {
        await using var server = await RedisServer.StartNewAsync();
        using var connection = RedisConnection.Connect(server.ConnectionString);
        var store = NewStore(connection);

        await store.PutAsync(Document, """{"state":"pending"}"""u8.ToArray(), PutCondition.IfAbsent);
        await store.PutAsync(Document, """{"state":"approved"}"""u8.ToArray(), PutCondition.IfVersion(1));
        await store.IncrementAsync(Counter, 42);
        await store.IncrementFieldAsync(Trends, "dotnet", 3);
        await store.ListAppendAsync(Audit, "approved");
        await store.EnsureConsumerGroupAsync(Queue, "workers");
        for (var i = 0; i < 5; i++)
        {
            await store.StreamAppendAsync(Queue, $"mention-{i}");
        }

        var delivered = await store.StreamReadAsync(Queue, "workers", "w1", 2);

        // appendfsync everysec: acknowledged writes reach the disk within about a second.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await server.StopAsync();
        await server.StartAsync();
        Assert.True(await RecoversAsync(store));

        var document = await store.GetAsync(Document);
        Assert.Equal(("""{"state":"approved"}""", 2L), (document?.Json, document?.Version ?? 0));
        Assert.Equal(42, await store.GetCounterAsync(Counter));
        Assert.Equal(3, (await store.GetFieldCountersAsync(Trends))["dotnet"]);
        Assert.Equal(["approved"], await store.ListRangeAsync(Audit));
        Assert.Equal(5, await store.StreamLengthAsync(Queue));
        Assert.Equal(2, await store.StreamPendingCountAsync(Queue, "workers"));
        Assert.Equal(delivered.Select(entry => entry.Id), (await store.StreamClaimIdleAsync(Queue, "workers", "w2", TimeSpan.Zero, 10)).Select(entry => entry.Id));
        Assert.Equal(["mention-2", "mention-3", "mention-4"], (await store.StreamReadAsync(Queue, "workers", "w2", 10)).Select(entry => entry.Payload));
    }

    private static RedisStateStore NewStore(StackExchange.Redis.IConnectionMultiplexer connection) =>
        new(connection, Options.Create(new StateStoreOptions { KeyPrefix = "recovery" }));

    private static async Task<bool> RecoversAsync(IStateStore store)
    {
        var deadline = DateTime.UtcNow + RecoveryLimit;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                await store.PingAsync();
                return true;
            }
            catch (StoreUnavailableException)
            {
                await Task.Delay(200);
            }
        }

        return false;
    }
}
