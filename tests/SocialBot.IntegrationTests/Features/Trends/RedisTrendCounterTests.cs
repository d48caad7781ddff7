using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SocialBot.Bot.Features.Trends;
using SocialBot.Bot.Ingestion;
using SocialBot.Bot.State;
using SocialBot.IntegrationTests.State;
using SocialBot.Testing;
using StackExchange.Redis;

namespace SocialBot.IntegrationTests.Features.Trends;

[Collection(RedisCollection.Name)]
public sealed class RedisTrendCounterTests(RedisServerFixture redis) : TrendCounterContractTests
{
    private IConnectionMultiplexer? _connection;
    private string _prefix = string.Empty;

    internal override async Task<IStateStore> CreateStoreAsync()
    {
        _connection = await ConnectionMultiplexer.ConnectAsync(RedisConnection.ParseOptions(redis.ConnectionString));
        _prefix = redis.NewKeyPrefix();
        return new RedisStateStore(_connection, Options.Create(new StateStoreOptions { KeyPrefix = _prefix }));
    }

    [Fact]
    public async Task RecordAsync_Bucket_ExpiresEightDaysAfterItsHour()
    {
        var store = await CreateStoreAsync();
        var counter = new TrendCounter(store, Time, NullLogger<TrendCounter>.Instance);
        await counter.RecordAsync(
            new IncomingMention
            {
                TenantId = "contoso",
                Id = "ttl",
                Source = MentionSource.Other,
                Author = new MentionAuthor(null, null, null),
                Text = "#launchday",
                CreatedAt = Time.GetUtcNow(),
            },
            MentionTone.Negative);

        var bucket = TrendCounter.BucketName(Time.GetUtcNow());
        var database = _connection!.GetDatabase();
        var countsTtl = await database.KeyTimeToLiveAsync($"{_prefix}:{{contoso}}:trend:h:{bucket}");
        var tonesTtl = await database.KeyTimeToLiveAsync($"{_prefix}:{{contoso}}:trend:tone:{bucket}");

        // The fake clock is 30 minutes into the hour: the bucket lives 8 days and 30 minutes more.
        var expected = TimeSpan.FromDays(8) + TimeSpan.FromMinutes(30);
        Assert.InRange(countsTtl!.Value, expected - TimeSpan.FromMinutes(1), expected);
        Assert.InRange(tonesTtl!.Value, expected - TimeSpan.FromMinutes(1), expected);
    }

    public override async Task DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
