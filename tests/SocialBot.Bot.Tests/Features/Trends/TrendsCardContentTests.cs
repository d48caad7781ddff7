using SocialBot.Bot.Features.Trends;

namespace SocialBot.Bot.Tests.Features.Trends;

public sealed class TrendsCardContentTests
{
    [Theory]
    [InlineData(0, "0 followers")]
    [InlineData(1, "1 follower")]
    [InlineData(950, "950 followers")]
    [InlineData(1_250, "1.3K followers")]
    [InlineData(12_345, "12.3K followers")]
    [InlineData(2_400_000, "2.4M followers")]
    public void Reach_Humanized(long followers, string expected) => Assert.Equal(expected, SocialBot.Bot.Ingestion.Reach.Describe(followers));

    [Fact]
    public void Item_WeekOfHours_SparklineSummedToTwentyFourPoints()
    {
        var term = Term(TermKind.Hashtag, "#launch", [.. Enumerable.Repeat(1L, 168)]);

        Assert.Equal(24, TrendsCardContent.Item(term).Sparkline.Length);
    }

    [Fact]
    public void Item_Phrase_TrackedAsQuotedPhrase()
    {
        Assert.Equal("\"dark mode\"", TrendsCardContent.Item(Term(TermKind.Phrase, "dark mode", [1])).TrackQuery);
        Assert.Equal("#launch", TrendsCardContent.Item(Term(TermKind.Hashtag, "#launch", [1])).TrackQuery);
    }

    [Fact]
    public void Item_SampleWithUnsafeUrl_ShownWithoutLink()
    {
        var term = Term(TermKind.Keyword, "refund", [3]) with { Sample = new TrendSample(12_300, "m1", "javascript:alert(1)", null) };

        var sample = TrendsCardContent.Item(term).Sample!;

        Assert.Null(sample.Url);
        Assert.Equal("someone", sample.Author);
        Assert.Equal("12.3K followers", sample.Reach);
    }

    [Fact]
    public void Model_NoTerms_HeadlineSaysNothingTrending()
    {
        var model = TrendsCardContent.Model([], new TrendQuery(TrendWindow.SixHours, null), null);

        Assert.Equal("last 6 hours", model.Window);
        Assert.Equal(TrendHeadline.NothingTrending, model.Headline);
        Assert.Empty(model.Items);
    }

    [Theory]
    [InlineData("5y", true)]
    [InlineData("12h", true)]
    [InlineData("30 days", true)]
    [InlineData("6h", false)]
    [InlineData("24h #launch", false)]
    [InlineData("7d", false)]
    [InlineData("#launch", false)]
    [InlineData("", false)]
    [InlineData("2024 launch", false)]
    public void IsUnofferedWindow_Table(string arguments, bool expected) => Assert.Equal(expected, TrendsCommand.IsUnofferedWindow(arguments));

    private static TrendingTerm Term(TermKind kind, string display, IReadOnlyList<long> series) =>
        new(kind, display.ToLowerInvariant(), display, series.Sum(), 1, 300, false, 5, series, new ToneMix(1, 1, 1));
}
