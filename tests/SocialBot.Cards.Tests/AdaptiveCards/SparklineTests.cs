using SocialBot.Cards.AdaptiveCards;

namespace SocialBot.Cards.Tests.AdaptiveCards;

public sealed class SparklineTests
{
    [Fact]
    public void FromCounts_RisingSeries_ScalesFromZeroToMax()
    {
        Assert.Equal("▁▂▃▄▅▆▇█", Sparkline.FromCounts([0, 1, 2, 3, 4, 5, 6, 7]));
    }

    [Fact]
    public void FromCounts_AllZero_IsFlatLowest()
    {
        Assert.Equal("▁▁▁▁", Sparkline.FromCounts([0, 0, 0, 0]));
    }

    [Fact]
    public void FromCounts_FlatNonZero_IsFlatHighest()
    {
        Assert.Equal("███", Sparkline.FromCounts([5, 5, 5]));
    }

    [Fact]
    public void FromCounts_SmallCountNextToSpike_IsStillVisible()
    {
        Assert.Equal("▁▂█", Sparkline.FromCounts([0, 1, 1000]));
    }

    [Fact]
    public void FromCounts_NegativeCounts_CountAsZero()
    {
        Assert.Equal("▁█", Sparkline.FromCounts([-3, 2]));
    }

    [Fact]
    public void FromCounts_Empty_IsEmpty()
    {
        Assert.Equal("", Sparkline.FromCounts([]));
    }

    [Fact]
    public void FromCounts_OneCharacterPerCount()
    {
        var counts = Enumerable.Range(0, 168).Select(i => i % 13).ToArray();

        Assert.Equal(168, Sparkline.FromCounts(counts).Length);
    }
}
