using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SocialBot.Bot.Features.Mentions.Spikes;
using SocialBot.Bot.State;
using SocialBot.IntegrationTests.State;
using SocialBot.Testing;
using StackExchange.Redis;

namespace SocialBot.IntegrationTests.Features.Mentions.Spikes;

/// <summary>The per-rule hourly volume behind spike detection: the same assertions against the in-memory store and a real Redis.</summary>
public abstract class RuleVolumeTests : IAsyncLifetime
{
    private const string Tenant = "tenant-volume";

    internal IStateStore Store { get; private set; } = null!;

    private RuleVolume Volume => new(Store);

    // Mid-day, so the previous hours of the tests span a day boundary only where a test says so.
    private static DateTimeOffset Noon => new(2026, 12, 5, 12, 30, 0, TimeSpan.Zero);

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    internal abstract Task<IStateStore> CreateStoreAsync();

    [Fact]
    public async Task Count_SameHour_GrowsPerRuleAndStartsAgainNextHour()
    {
        Assert.Equal(1, await Volume.CountAsync(Tenant, "r1", Noon, CancellationToken.None));
        Assert.Equal(2, await Volume.CountAsync(Tenant, "r1", Noon.AddMinutes(20), CancellationToken.None));
        Assert.Equal(1, await Volume.CountAsync(Tenant, "r2", Noon, CancellationToken.None));
        Assert.Equal(1, await Volume.CountAsync(Tenant, "r1", Noon.AddMinutes(40), CancellationToken.None));
    }

    [Fact]
    public async Task Count_ManyAtOnce_NoCountLost()
    {
        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Volume.CountAsync(Tenant, "busy", Noon, CancellationToken.None)));

        Assert.Equal(201, await Volume.CountAsync(Tenant, "busy", Noon, CancellationToken.None));
    }

    [Fact]
    public async Task HoursBefore_AcrossMidnight_OldestFirstWithZerosForQuietHours()
    {
        var midnight = new DateTimeOffset(2026, 12, 5, 0, 10, 0, TimeSpan.Zero);
        await Volume.CountAsync(Tenant, "hist", midnight.AddHours(-2), CancellationToken.None);
        await Volume.CountAsync(Tenant, "hist", midnight.AddHours(-2), CancellationToken.None);
        await Volume.CountAsync(Tenant, "hist", midnight.AddHours(-1), CancellationToken.None);
        await Volume.CountAsync(Tenant, "hist", midnight, CancellationToken.None);

        var before = await Volume.HoursBeforeAsync(Tenant, "hist", midnight.AddHours(1), 4, CancellationToken.None);

        Assert.Equal(new long[] { 0, 2, 1, 1 }, before);
    }

    [Fact]
    public async Task HoursBefore_AWeek_OneValuePerHourAndTheCurrentHourLeftOut()
    {
        await Volume.CountAsync(Tenant, "week", Noon, CancellationToken.None);
        await Volume.CountAsync(Tenant, "week", Noon.AddHours(-SpikeDetector.BaselineHours), CancellationToken.None);

        var before = await Volume.HoursBeforeAsync(Tenant, "week", Noon, SpikeDetector.BaselineHours, CancellationToken.None);

        Assert.Equal(SpikeDetector.BaselineHours, before.Count);
        Assert.Equal(1, before[0]);
        Assert.Equal(1, before.Sum());
    }
}

public sealed class InMemoryRuleVolumeTests : RuleVolumeTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));

    internal override Task<IStateStore> CreateStoreAsync() => Task.FromResult<IStateStore>(new InMemoryStateStore(time));

    [Fact]
    public async Task Count_DayOfCounts_KeptNineDaysThenGone()
    {
        var volume = new RuleVolume(Store);
        var now = time.GetUtcNow();
        await volume.CountAsync("t", "r", now, CancellationToken.None);

        time.Advance(TimeSpan.FromDays(9) - TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await volume.HoursBeforeAsync("t", "r", now.AddHours(1), 1, CancellationToken.None))[0]);
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(0, (await volume.HoursBeforeAsync("t", "r", now.AddHours(1), 1, CancellationToken.None))[0]);
    }
}

[Collection(RedisCollection.Name)]
public sealed class RedisRuleVolumeTests(RedisServerFixture redis) : RuleVolumeTests
{
    private IConnectionMultiplexer? connection;

    internal override async Task<IStateStore> CreateStoreAsync()
    {
        connection = await ConnectionMultiplexer.ConnectAsync(RedisConnection.ParseOptions(redis.ConnectionString));
        return new RedisStateStore(connection, Options.Create(new StateStoreOptions { KeyPrefix = redis.NewKeyPrefix() }));
    }

    public override async Task DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }
}
