using Microsoft.Extensions.Options;
using SocialBot.Bot.State;
using SocialBot.Testing;
using StackExchange.Redis;

namespace SocialBot.IntegrationTests.State;

[Collection(RedisCollection.Name)]
public sealed class RedisStateStoreTests(RedisServerFixture redis) : StateStoreConformanceTests
{
    private static readonly TimeSpan PollLimit = TimeSpan.FromSeconds(5);
    private IConnectionMultiplexer? _connection;

    internal override TimeSpan ShortTimeToLive => TimeSpan.FromMilliseconds(500);

    internal override async Task<IStateStore> CreateStoreAsync()
    {
        _connection = await ConnectionMultiplexer.ConnectAsync(RedisConnection.ParseOptions(redis.ConnectionString));
        return new RedisStateStore(_connection, Options.Create(new StateStoreOptions { KeyPrefix = redis.NewKeyPrefix() }));
    }

    internal override Task LetTimePassAsync(TimeSpan elapsed) => Task.Delay(elapsed);

    internal override async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + PollLimit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    public override async Task DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task Keys_TenantKey_RenderedWithPrefixAndHashTag()
    {
        var prefix = redis.NewKeyPrefix();
        var store = new RedisStateStore(_connection!, Options.Create(new StateStoreOptions { KeyPrefix = prefix }));

        await store.IncrementAsync(StoreKey.For("contoso", "counter", "x"));

        Assert.Equal(1, (long)await _connection!.GetDatabase().StringGetAsync($"{prefix}:{{contoso}}:counter:x"));
    }

    [Fact]
    public async Task Put_Document_StoredAsVersionedHash()
    {
        var prefix = redis.NewKeyPrefix();
        var store = new RedisStateStore(_connection!, Options.Create(new StateStoreOptions { KeyPrefix = prefix }));

        await store.PutAsync(StoreKey.For("contoso", "doc"), "{\"a\":1}"u8.ToArray(), PutCondition.Always);

        var hash = await _connection!.GetDatabase().HashGetAllAsync($"{prefix}:{{contoso}}:doc");
        Assert.Equal("1", hash.Single(entry => entry.Name == "v").Value.ToString());
        Assert.Equal("{\"a\":1}", hash.Single(entry => entry.Name == "d").Value.ToString());
    }
}
