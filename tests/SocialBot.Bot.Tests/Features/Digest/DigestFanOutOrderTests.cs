using SocialBot.Bot.Features.Digest;
using SocialBot.Bot.State;

namespace SocialBot.Bot.Tests.Features.Digest;

public sealed class DigestFanOutOrderTests
{
    [Fact]
    public void ByTenantInTurn_TenantsTakeTurnsAndNothingIsLostOrRepeated()
    {
        ScoredMember[] due =
        [
            new("a|1", 1), new("a|2", 1), new("a|3", 1),
            new("b|1", 1),
            new("c|1", 1), new("c|2", 1),
        ];

        var ordered = DigestDispatcher.ByTenantInTurn(due).Select(d => d.Member).ToList();

        Assert.Equal(["a|1", "b|1", "c|1", "a|2", "c|2", "a|3"], ordered);
    }

    [Fact]
    public void ByTenantInTurn_Empty_IsEmpty() => Assert.Empty(DigestDispatcher.ByTenantInTurn([]));
}
