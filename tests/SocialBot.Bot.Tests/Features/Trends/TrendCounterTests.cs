using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using SocialBot.Bot.Features.Trends;
using SocialBot.Bot.Ingestion;
using SocialBot.Bot.State;

namespace SocialBot.Bot.Tests.Features.Trends;

public sealed class TrendCounterTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private int _ids;

    [Fact]
    public async Task ReadSeriesAsync_TwentyFourHoursOverDstStart_TwentyFourDistinctBuckets()
    {
        // Berlin springs forward on 2025-03-30 at 02:00 local (01:00 UTC): that local day has 23 hours, UTC buckets do not care.
        var now = new DateTimeOffset(2025, 3, 30, 12, 0, 0, TimeSpan.FromHours(2));
        var (counter, time) = Create(now);
        var localStart = new DateTimeOffset(2025, 3, 29, 11, 0, 0, TimeSpan.FromHours(1));
        for (var utcHour = 0; utcHour < 24; utcHour++)
        {
            var instant = TimeZoneInfo.ConvertTime(localStart.AddHours(utcHour), Berlin);
            await counter.RecordAsync(Mention("#springforward", instant), MentionTone.Neutral);
        }

        var series = await counter.ReadSeriesAsync("contoso", time.GetUtcNow().AddHours(-24), time.GetUtcNow());

        Assert.Equal(24, series.Count);
        Assert.Equal(24, series.Select(bucket => bucket.Hour).Distinct().Count());
        Assert.All(series, bucket => Assert.Equal(1, bucket.Count("#springforward")));
        Assert.All(series, bucket => Assert.Equal(TimeSpan.Zero, bucket.Hour.Offset));
    }

    [Fact]
    public async Task FindAsync_DayWindowOverDstEnd_TwentyFourHourSparkline()
    {
        // Berlin falls back on 2025-10-26 at 03:00 local (01:00 UTC): 02:00–03:00 local happens twice.
        var now = new DateTimeOffset(2025, 10, 26, 12, 10, 0, TimeSpan.FromHours(1));
        var (counter, time) = Create(now);
        for (var hoursAgo = 0; hoursAgo < 30; hoursAgo++)
        {
            await counter.RecordAsync(Mention("#fallback", now.AddHours(-hoursAgo)), MentionTone.Neutral);
        }

        var term = Assert.Single(await new TrendScorer(counter, time).FindAsync("contoso", new TrendQuery(TrendWindow.Day, null)));

        Assert.Equal(24, term.HourlySeries.Count);
        Assert.All(term.HourlySeries, count => Assert.Equal(1, count));
        Assert.Equal(24, term.Count);
    }

    [Fact]
    public async Task ReadSeriesAsync_AfterRetention_BucketsExpired()
    {
        var now = new DateTimeOffset(2025, 6, 10, 12, 30, 0, TimeSpan.Zero);
        var (counter, time) = Create(now);
        await counter.RecordAsync(Mention("#old", now), MentionTone.Negative);
        var hour = TrendCounter.HourOf(now);

        time.Advance(TimeSpan.FromDays(8) + TimeSpan.FromMinutes(29));
        Assert.Equal(1, Assert.Single(await counter.ReadSeriesAsync("contoso", hour, hour.AddHours(1))).Count("#old"));

        time.Advance(TimeSpan.FromMinutes(1));
        var expired = Assert.Single(await counter.ReadSeriesAsync("contoso", hour, hour.AddHours(1)));
        Assert.Equal(0, expired.Mentions);
        Assert.Empty(expired.Tones);
    }

    [Fact]
    public async Task RecordAsync_SampleStoreUnavailable_CountsStillRecorded()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 10, 12, 0, 0, TimeSpan.Zero));
        var store = new Mock<IStateStore>();
        store.Setup(s => s.CommitAsync(It.IsAny<StoreTransaction>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        store.Setup(s => s.GetAsync(It.IsAny<StoreKey>(), It.IsAny<CancellationToken>())).ThrowsAsync(new StoreUnavailableException());
        var counter = new TrendCounter(store.Object, time, NullLogger<TrendCounter>.Instance);

        Assert.True(await counter.RecordAsync(Mention("#launchday", time.GetUtcNow()), MentionTone.Neutral));
        store.Verify(s => s.CommitAsync(It.Is<StoreTransaction>(t => t.Writes.OfType<IncrementFieldWrite>().Any(w => w.Field == "#launchday")), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task RecordAsync_CountsStoreUnavailable_Throws()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 10, 12, 0, 0, TimeSpan.Zero));
        var store = new Mock<IStateStore>();
        store.Setup(s => s.CommitAsync(It.IsAny<StoreTransaction>(), It.IsAny<CancellationToken>())).ThrowsAsync(new StoreUnavailableException());
        var counter = new TrendCounter(store.Object, time, NullLogger<TrendCounter>.Instance);

        await Assert.ThrowsAsync<StoreUnavailableException>(() => counter.RecordAsync(Mention("#launchday", time.GetUtcNow()), MentionTone.Neutral));
    }

    [Theory]
    [InlineData(null, "Day", null)]
    [InlineData("", "Day", null)]
    [InlineData("6h", "SixHours", null)]
    [InlineData("7D", "Week", null)]
    [InlineData("24h #launch", "Day", "#launch")]
    [InlineData("launch", "Day", "launch")]
    [InlineData("dark mode", "Day", "dark mode")]
    [InlineData("6h  dark mode ", "SixHours", "dark mode")]
    public void TrendQueryParse_Arguments_WindowAndFilter(string? arguments, string window, string? filter)
    {
        Assert.Equal(new TrendQuery(Enum.Parse<TrendWindow>(window), filter), TrendQuery.Parse(arguments));
    }

    [Theory]
    [InlineData("SixHours", "6 hours", 6)]
    [InlineData("Day", "24 hours", 24)]
    [InlineData("Week", "7 days", 168)]
    public void TrendWindow_Describe_ReadsNaturally(string window, string expected, int hours)
    {
        var value = Enum.Parse<TrendWindow>(window);

        Assert.Equal(expected, value.Describe());
        Assert.Equal(hours, value.Hours());
    }

    [Fact]
    public void AddTrends_WithStateStore_ResolvesScorerAndBoundedNarrator()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IStateStore>(new InMemoryStateStore(TimeProvider.System));

        using var provider = services.AddTrends().BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredService<TrendScorer>());
        Assert.NotNull(provider.GetRequiredService<TrendCounter>());
        Assert.IsType<NoTrendNarrator>(provider.GetRequiredService<ITrendNarrator>());
        Assert.NotNull(provider.GetRequiredService<TimedTrendNarrator>());
    }

    private static (TrendCounter Counter, FakeTimeProvider Time) Create(DateTimeOffset now)
    {
        var time = new FakeTimeProvider(now);
        return (new TrendCounter(new InMemoryStateStore(time), time, NullLogger<TrendCounter>.Instance), time);
    }

    private IncomingMention Mention(string text, DateTimeOffset createdAt) => new()
    {
        TenantId = "contoso",
        Id = $"m-{Interlocked.Increment(ref _ids)}",
        Source = MentionSource.X,
        Author = new MentionAuthor("@someone", null, 10),
        Text = text,
        CreatedAt = createdAt,
    };
}
