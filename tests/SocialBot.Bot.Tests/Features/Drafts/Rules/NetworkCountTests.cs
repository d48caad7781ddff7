using SocialBot.Bot.Features.Drafts.Rules;

namespace SocialBot.Bot.Tests.Features.Drafts.Rules;

public sealed class NetworkCountTests
{
    [Theory]
    [InlineData("x", 213, 280, "X 213/280")]
    [InlineData("x", 280, 280, "X 280/280")]
    [InlineData("x", 0, 280, "X 0/280")]
    [InlineData("bluesky", 312, 300, "Bluesky 312/300 — 12 over")]
    [InlineData("linkedin", 3001, 3000, "LinkedIn 3001/3000 — 1 over")]
    [InlineData("facebook", 120, 63206, "Facebook 120/63206")]
    [InlineData("mastodon", 1200, 1000, "Mastodon 1200/1000 — 200 over")]
    public void Display_UsedAndLimit_MatchesCardFormat(string networkName, int used, int limit, string expected)
    {
        Assert.Equal(expected, new NetworkCount(PostTextSamples.Network(networkName), used, limit).Display);
    }

    [Theory]
    [InlineData(279, 280, 0, false)]
    [InlineData(280, 280, 0, false)]
    [InlineData(292, 280, 12, true)]
    public void Over_UsedAgainstLimit_IsAmountOver(int used, int limit, int expectedOver, bool expectedIsOver)
    {
        var count = new NetworkCount(SocialNetwork.X, used, limit);

        Assert.Equal(expectedOver, count.Over);
        Assert.Equal(expectedIsOver, count.IsOver);
    }
}
