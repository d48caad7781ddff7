using SocialBot.Bot.State;

namespace SocialBot.IntegrationTests.Features.Trends;

public sealed class InMemoryTrendCounterTests : TrendCounterContractTests
{
    internal override Task<IStateStore> CreateStoreAsync() => Task.FromResult<IStateStore>(new InMemoryStateStore(Time));
}
