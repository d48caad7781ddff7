using Microsoft.Extensions.Time.Testing;
using SocialBot.Bot.State;

namespace SocialBot.IntegrationTests.State;

public sealed class InMemoryStateStoreTests : StateStoreConformanceTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));

    internal override TimeSpan ShortTimeToLive => TimeSpan.FromMinutes(1);

    internal override Task<IStateStore> CreateStoreAsync() => Task.FromResult<IStateStore>(new InMemoryStateStore(_time));

    internal override Task LetTimePassAsync(TimeSpan elapsed)
    {
        _time.Advance(elapsed);
        return Task.CompletedTask;
    }

    internal override Task<bool> EventuallyAsync(Func<Task<bool>> condition) => condition();

    [Fact]
    public async Task Put_JustBeforeExpiry_DocumentStillThere()
    {
        var key = StoreKey.For("tenant-a", "doc", "edge");
        await Store.PutAsync(key, "{}"u8.ToArray(), PutCondition.Always, TimeSpan.FromSeconds(10));

        _time.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromTicks(1));
        Assert.NotNull(await Store.GetAsync(key));

        _time.Advance(TimeSpan.FromTicks(1));
        Assert.Null(await Store.GetAsync(key));
    }
}
