using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using SocialBot.Bot.Features.Trends;
using SocialBot.Bot.Ingestion;
using SocialBot.Bot.State;

namespace SocialBot.Bot.Tests.Features.Trends;

public sealed class CachedTrendFinderTests
{
    private const string Tenant = "contoso";
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 5, 4, 10, 20, 0, TimeSpan.Zero));
    private readonly InMemoryStateStore store;
    private readonly TrendCounter counter;
    private int ids;

    public CachedTrendFinderTests()
    {
        store = new InMemoryStateStore(time);
        counter = new TrendCounter(store, time, NullLogger<TrendCounter>.Instance);
    }

    [Fact]
    public async Task FindAsync_WithinTwoMinutes_AnswersFromCacheThenRecomputes()
    {
        var finder = Finder(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions { Clock = new ClockFromTimeProvider(time) })));
        await RecordAsync("#launchday", 8);

        var first = await finder.FindAsync(Tenant, new TrendQuery(TrendWindow.Day, null), default);
        await RecordAsync("#outage", 12);
        var cached = await finder.FindAsync(Tenant, new TrendQuery(TrendWindow.Day, null), default);
        time.Advance(TimeSpan.FromMinutes(3));
        var fresh = await finder.FindAsync(Tenant, new TrendQuery(TrendWindow.Day, null), default);

        Assert.Equal("#launchday", Assert.Single(first).Display);
        Assert.Equal(first.Select(t => (t.Key, t.Count)), cached.Select(t => (t.Key, t.Count)));
        Assert.Equal("#outage", fresh[0].Display);
    }

    [Fact]
    public async Task FindAsync_OtherFilterOrWindow_NotSharedInCache()
    {
        var finder = Finder(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())));
        await RecordAsync("#launchday", 8);

        Assert.Single(await finder.FindAsync(Tenant, new TrendQuery(TrendWindow.Day, null), default));
        Assert.Empty(await finder.FindAsync(Tenant, new TrendQuery(TrendWindow.Day, "#other"), default));
    }

    [Fact]
    public async Task FindAsync_CacheDown_StillComputes()
    {
        var broken = new Mock<IDistributedCache>();
        broken.Setup(c => c.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("cache down"));
        broken.Setup(c => c.SetAsync(It.IsAny<string>(), It.IsAny<byte[]>(), It.IsAny<DistributedCacheEntryOptions>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("cache down"));
        await RecordAsync("#launchday", 8);

        var terms = await Finder(broken.Object).FindAsync(Tenant, new TrendQuery(TrendWindow.Day, null), default);

        Assert.Equal("#launchday", Assert.Single(terms).Display);
    }

    private CachedTrendFinder Finder(IDistributedCache cache) =>
        new(new TrendScorer(counter, time), cache, time, NullLogger<CachedTrendFinder>.Instance);

    private async Task RecordAsync(string tag, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await counter.RecordAsync(
                new IncomingMention
                {
                    TenantId = Tenant,
                    Id = "m" + Interlocked.Increment(ref ids),
                    Source = MentionSource.X,
                    Author = new MentionAuthor("@fan", "Fan", 10),
                    Text = tag,
                    CreatedAt = time.GetUtcNow(),
                },
                MentionTone.Neutral);
        }
    }

    private sealed class ClockFromTimeProvider(TimeProvider time) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
