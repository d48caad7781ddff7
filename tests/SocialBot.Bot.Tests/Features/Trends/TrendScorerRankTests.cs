using SocialBot.Bot.Features.Trends;

namespace SocialBot.Bot.Tests.Features.Trends;

public sealed class TrendScorerRankTests
{
    private static readonly DateTimeOffset End = new(2025, 6, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly TrendScoringOptions Options = TrendScoringOptions.Default;

    public static TheoryData<string> Windows => [nameof(TrendWindow.SixHours), nameof(TrendWindow.Day), nameof(TrendWindow.Week)];

    [Theory]
    [MemberData(nameof(Windows))]
    public void Rank_SteadyTerms_NeverTrend(string windowName)
    {
        var window = Enum.Parse<TrendWindow>(windowName);
        var buckets = new TrendSeriesBuilder(End)
            .Noisy("product", 40, seed: 1)
            .Noisy("support", 8, seed: 2)
            .Noisy("#contoso", 3, seed: 3)
            .Noisy("contoso.com", 1, seed: 4)
            .Build();

        Assert.Empty(TrendScorer.Rank(buckets, window, End, null, Options));
    }

    [Fact]
    public void Rank_BurstOverSteadyBaseline_Trends()
    {
        var buckets = new TrendSeriesBuilder(End)
            .Noisy("product", 40, seed: 1)
            .Steady("outage", 1)
            .Add("outage", 19, fromHoursAgo: 6)
            .Build();

        var term = Assert.Single(TrendScorer.Rank(buckets, TrendWindow.SixHours, End, null, Options));

        Assert.Equal("outage", term.Key);
        Assert.Equal(TermKind.Keyword, term.Kind);
        Assert.Equal(120, term.Count);
        Assert.Equal(6, term.Baseline);
        Assert.Equal(1900, term.ChangePercent);
        Assert.False(term.IsNew);
        Assert.Equal([20L, 20, 20, 20, 20, 20], term.HourlySeries);
    }

    [Fact]
    public void Rank_SteadyHighVolumeWithLargeZ_CappedByRatio()
    {
        // λ = 24 000 a day; 26 000 is z ≈ 13 but only 1.08× — a busy term having a busy day is not a trend.
        var buckets = new TrendSeriesBuilder(End)
            .Steady("product", 1000)
            .Add("product", 84, fromHoursAgo: 24)
            .Build();

        Assert.Empty(TrendScorer.Rank(buckets, TrendWindow.Day, End, null, Options));
    }

    [Fact]
    public void Rank_TermNeverSeenBefore_IsNew()
    {
        var buckets = new TrendSeriesBuilder(End)
            .Noisy("product", 40, seed: 1)
            .Add("#launchday", 3, fromHoursAgo: 4)
            .Build();

        var term = Assert.Single(TrendScorer.Rank(buckets, TrendWindow.Day, End, null, Options));

        Assert.Equal("#launchday", term.Key);
        Assert.True(term.IsNew);
        Assert.Null(term.ChangePercent);
        Assert.Null(term.Ratio);
        Assert.Equal(12, term.Count);
        Assert.Equal(24, term.HourlySeries.Count);
    }

    [Theory]
    [InlineData(4, false)]
    [InlineData(5, true)]
    public void Rank_NewTermAroundMinimum_TrendsOnlyFromMinimum(long count, bool trends)
    {
        var buckets = new TrendSeriesBuilder(End)
            .Noisy("product", 40, seed: 1)
            .Add("dark mode", count, fromHoursAgo: 1)
            .Build();

        Assert.Equal(trends, TrendScorer.Rank(buckets, TrendWindow.Day, End, null, Options).Any(term => term.Key == "dark mode"));
    }

    [Fact]
    public void Rank_BurstBelowMinimum_NeverTrends()
    {
        // Rare term: once a week before, four times now. Huge z, but below the minimum count.
        var buckets = new TrendSeriesBuilder(End)
            .Noisy("product", 40, seed: 1)
            .Add("refund", 1, fromHoursAgo: 100, toHoursAgo: 100)
            .Add("refund", 4, fromHoursAgo: 2, toHoursAgo: 2)
            .Build();

        Assert.Empty(TrendScorer.Rank(buckets, TrendWindow.Day, End, null, Options));
    }

    [Fact]
    public void Rank_TrendingPhrase_DropsItsWordsUnlessMuchBigger()
    {
        var buckets = new TrendSeriesBuilder(End)
            .Noisy("product", 40, seed: 1)
            .Add("dark mode", 10, fromHoursAgo: 3)
            .Add("mode", 11, fromHoursAgo: 3)
            .Add("dark", 10, fromHoursAgo: 3)
            .Add("dark", 70, fromHoursAgo: 1)
            .Build();

        var keys = TrendScorer.Rank(buckets, TrendWindow.Day, End, null, Options).Select(term => term.Key).ToList();

        Assert.Contains("dark mode", keys);
        Assert.DoesNotContain("mode", keys);
        Assert.Contains("dark", keys);
    }

    [Fact]
    public void Rank_HashtagAndPhraseOfSameWords_KeepsTheStrongerOne()
    {
        var buckets = new TrendSeriesBuilder(End)
            .Noisy("product", 40, seed: 1)
            .Add("#darkmode", 5, fromHoursAgo: 2)
            .Add("dark mode", 9, fromHoursAgo: 2)
            .Build();

        var term = Assert.Single(TrendScorer.Rank(buckets, TrendWindow.Day, End, null, Options));

        Assert.Equal("dark mode", term.Key);
    }

    [Fact]
    public void Rank_ManyRisingTerms_TopEightByScore()
    {
        var builder = new TrendSeriesBuilder(End).Noisy("product", 40, seed: 1);
        for (var i = 1; i <= 12; i++)
        {
            builder.Add($"topic{i:00}", i + 4, fromHoursAgo: 1);
        }

        var keys = TrendScorer.Rank(builder.Build(), TrendWindow.Day, End, null, Options).Select(term => term.Key);

        Assert.Equal(["topic12", "topic11", "topic10", "topic09", "topic08", "topic07", "topic06", "topic05"], keys);
    }

    [Theory]
    [InlineData("launch", new[] { "#launchday", "launch" })]
    [InlineData("Launches", new[] { "#launchday", "launch" })]
    [InlineData("#launch", new[] { "#launchday" })]
    [InlineData("CONTOSO", new[] { "contoso.com" })]
    [InlineData("nothing-like-it", new string[0])]
    public void Rank_Filter_MatchesKeysAndDisplays(string filter, string[] expected)
    {
        var buckets = new TrendSeriesBuilder(End)
            .Noisy("product", 40, seed: 1)
            .Add("#launchday", 6, fromHoursAgo: 1)
            .Add("launch", 8, fromHoursAgo: 1)
            .Add("contoso.com", 7, fromHoursAgo: 1)
            .Build();

        var keys = TrendScorer.Rank(buckets, TrendWindow.Day, End, filter, Options).Select(term => term.Key).Order(StringComparer.Ordinal);

        Assert.Equal(expected, keys);
    }

    [Fact]
    public void Rank_Week_BaselineIsTheRemainingDayScaled()
    {
        // 192 hours: 24 hours before the week at 1/hour → λ = 24 × 7 = 168 for the week.
        var buckets = new TrendSeriesBuilder(End)
            .Noisy("product", 40, seed: 1)
            .Add("pricing", 1, fromHoursAgo: 192, toHoursAgo: 169)
            .Add("pricing", 2, fromHoursAgo: 168)
            .Add("pricing", 100, fromHoursAgo: 1)
            .Build();

        var term = Assert.Single(TrendScorer.Rank(buckets, TrendWindow.Week, End, null, Options));

        Assert.Equal(168, term.Baseline);
        Assert.Equal(436, term.Count);
        Assert.Equal(168, term.HourlySeries.Count);
    }

    [Fact]
    public void Rank_EmptyHistoryWindows_LeftOutOfTheBaseline()
    {
        // Only yesterday has any traffic (a tenant that started yesterday): λ is yesterday's count, not a seventh of it.
        var buckets = new TrendSeriesBuilder(End, hours: 48)
            .Add("pricing", 1, fromHoursAgo: 48)
            .Add("pricing", 6, fromHoursAgo: 1)
            .Build();

        // 30 against λ = 24 is ordinary; against 24 / 7 it would look like a 9-fold rise.
        Assert.Empty(TrendScorer.Rank(buckets, TrendWindow.Day, End, null, Options));
    }

    [Fact]
    public void Rank_WindowAcrossMidnight_CountsTheLastTwentyFourUtcHours()
    {
        var end = new DateTimeOffset(2025, 6, 11, 2, 0, 0, TimeSpan.Zero);
        var buckets = new TrendSeriesBuilder(end)
            .Noisy("product", 40, seed: 1)
            .Add("midnight", 3, fromHoursAgo: 25, toHoursAgo: 25) // 2025-06-10 01:00, the hour before the window
            .Add("midnight", 7, fromHoursAgo: 24, toHoursAgo: 24) // 02:00, the first hour of the window
            .Add("midnight", 11, fromHoursAgo: 3, toHoursAgo: 3) // 23:00
            .Add("midnight", 13, fromHoursAgo: 1, toHoursAgo: 1) // 01:00 next day
            .Build();

        var term = Assert.Single(TrendScorer.Rank(buckets, TrendWindow.Day, end, null, Options));

        Assert.Equal(31, term.Count);
        Assert.Equal(7, term.HourlySeries[0]);
        Assert.Equal(11, term.HourlySeries[21]);
        Assert.Equal(13, term.HourlySeries[23]);
    }

    [Fact]
    public void Rank_ToneAndDisplay_SummedOverTheWindow()
    {
        var buckets = new TrendSeriesBuilder(End)
            .Noisy("product", 40, seed: 1)
            .Add("#launchday", 5, fromHoursAgo: 2)
            .Tone("#launchday", "|neg", 2, hoursAgo: 1)
            .Tone("#launchday", "|pos", 3, hoursAgo: 2)
            .Tone("#launchday", "|neg", 9, hoursAgo: 30) // outside the window
            .Display("#launchday", "#LaunchDay", 6, hoursAgo: 1)
            .Display("#launchday", "#LAUNCHDAY", 1, hoursAgo: 2)
            .Build();

        var term = Assert.Single(TrendScorer.Rank(buckets, TrendWindow.Day, End, null, Options));

        Assert.Equal(new ToneMix(2, 5, 3), term.Tone);
        Assert.Equal("#LaunchDay", term.Display);
    }

    [Fact]
    public void Rank_MostWrittenAsTheKey_DisplaysTheKey()
    {
        var buckets = new TrendSeriesBuilder(End)
            .Noisy("product", 40, seed: 1)
            .Add("dark mode", 10, fromHoursAgo: 1)
            .Display("dark mode", "Dark Mode", 3, hoursAgo: 1)
            .Build();

        Assert.Equal("dark mode", Assert.Single(TrendScorer.Rank(buckets, TrendWindow.Day, End, null, Options)).Display);
    }
}
