using SocialBot.Bot.Features.Trends;

namespace SocialBot.Bot.Tests.Features.Trends;

public sealed class TrendHeadlineTests
{
    [Fact]
    public void For_NoTerms_FriendlyEmptyState()
    {
        Assert.Equal(
            "Nothing is trending yet.",
            TrendHeadline.For([], TrendWindow.Day));
    }

    [Fact]
    public void For_NoTermsWithFilter_SaysNothingMatches()
    {
        Assert.Equal("Nothing matching “launch” is trending in the last 6 hours.", TrendHeadline.For([], TrendWindow.SixHours, " launch "));
    }

    [Fact]
    public void For_NewPhrase_QuotesItWithCountAndWindow()
    {
        var term = Term(TermKind.Phrase, "dark mode", count: 37, baseline: 0, isNew: true);

        Assert.Equal("New: “dark mode” — 37 mentions in 24 hours.", TrendHeadline.For([term], TrendWindow.Day));
    }

    [Fact]
    public void For_NewHashtagWithOneMention_Singular()
    {
        var term = Term(TermKind.Hashtag, "#launchday", count: 1, baseline: 0, isNew: true);

        Assert.Equal("New: #launchday — 1 mention in 7 days.", TrendHeadline.For([term], TrendWindow.Week));
    }

    [Fact]
    public void For_FourfoldRiseWithNegativeShare_RatioAndTone()
    {
        var term = Term(TermKind.Hashtag, "#launchday", count: 100, baseline: 25, tone: new ToneMix(12, 80, 8));

        Assert.Equal("#launchday is 4× its usual volume; 12% negative.", TrendHeadline.For([term], TrendWindow.Day));
    }

    [Fact]
    public void For_SmallerRiseMostlyPositive_PercentAndPositiveShare()
    {
        var term = Term(TermKind.Keyword, "pricing", count: 24, baseline: 10, tone: new ToneMix(0, 17, 7));

        Assert.Equal("“pricing” is +140% on its usual volume; 29% positive.", TrendHeadline.For([term], TrendWindow.SixHours));
    }

    [Fact]
    public void For_AllNeutral_NoToneClause()
    {
        var term = Term(TermKind.Domain, "contoso.com", count: 50, baseline: 10);

        Assert.Equal("contoso.com is 5× its usual volume.", TrendHeadline.For([term], TrendWindow.Day));
    }

    [Fact]
    public void For_SeveralTerms_HeadlinesTheFirst()
    {
        var first = Term(TermKind.Handle, "@contoso", count: 30, baseline: 10);
        var second = Term(TermKind.Keyword, "outage", count: 90, baseline: 1);

        Assert.StartsWith("@contoso is 3×", TrendHeadline.For([first, second], TrendWindow.Day), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(44, 10, "+340%")]
    [InlineData(20, 10, "+100%")]
    [InlineData(5, 0, "new")]
    public void Change_Term_FormatsPercentOrNew(long count, double baseline, string expected)
    {
        Assert.Equal(expected, TrendHeadline.Change(Term(TermKind.Keyword, "x", count, baseline, isNew: baseline == 0)));
    }

    private static TrendingTerm Term(TermKind kind, string key, long count, double baseline, bool isNew = false, ToneMix? tone = null) => new(
        kind,
        key,
        key,
        count,
        baseline,
        isNew ? null : (int)Math.Round(100 * (count - baseline) / baseline),
        isNew,
        Score: 10,
        HourlySeries: [count],
        tone ?? new ToneMix(0, count, 0));
}
