using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SocialBot.Bot.Features.Trends;
using SocialBot.Bot.Ingestion;
using SocialBot.Bot.State;

namespace SocialBot.IntegrationTests.Features.Trends;

/// <summary>The same trend counting scenarios against every state store: the results must not depend on the store.</summary>
public abstract class TrendCounterContractTests : IAsyncLifetime
{
    private const string Tenant = "contoso";
    private static readonly DateTimeOffset Now = new(2025, 6, 10, 12, 30, 0, TimeSpan.Zero);
    private int _ids;

    internal FakeTimeProvider Time { get; } = new(Now);

    private IStateStore Store { get; set; } = null!;

    private TrendCounter Counter { get; set; } = null!;

    internal abstract Task<IStateStore> CreateStoreAsync();

    public async Task InitializeAsync()
    {
        Store = await CreateStoreAsync();
        Counter = new TrendCounter(Store, Time, NullLogger<TrendCounter>.Instance);
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task RecordAsync_Mention_CountsEachTermOnceAndTheMention()
    {
        Assert.True(await Counter.RecordAsync(Mention("Loving #LaunchDay, #launchday and dark mode", Now.AddMinutes(-20)), MentionTone.Neutral));

        var bucket = Assert.Single(await Counter.ReadSeriesAsync(Tenant, Now.AddMinutes(-30), Now));
        Assert.Equal(new DateTimeOffset(2025, 6, 10, 12, 0, 0, TimeSpan.Zero), bucket.Hour);
        Assert.Equal(1, bucket.Mentions);
        Assert.Equal(1, bucket.Count("#launchday"));
        Assert.Equal(1, bucket.Count("dark mode"));
        Assert.Equal(1, bucket.Count("loving"));
        Assert.Equal(1, bucket.Displays["#launchday|#LaunchDay"]);
        Assert.False(bucket.Displays.ContainsKey("dark mode|dark mode"));
        Assert.Empty(bucket.Tones);
    }

    [Fact]
    public async Task RecordAsync_SameMentionTwice_CountedOnce()
    {
        var mention = Mention("#launchday is here", Now);

        Assert.True(await Counter.RecordAsync(mention, MentionTone.Negative));
        Assert.False(await Counter.RecordAsync(mention, MentionTone.Negative));

        var bucket = Assert.Single(await Counter.ReadSeriesAsync(Tenant, Now, Now.AddMinutes(1)));
        Assert.Equal(1, bucket.Mentions);
        Assert.Equal(1, bucket.Count("#launchday"));
        Assert.Equal(1, bucket.Negative("#launchday"));
    }

    [Fact]
    public async Task RecordAsync_Tones_CountedPerTerm()
    {
        await Counter.RecordAsync(Mention("#launchday broke", Now), MentionTone.Negative);
        await Counter.RecordAsync(Mention("#launchday rocks", Now), MentionTone.Positive);
        await Counter.RecordAsync(Mention("#launchday today", Now), MentionTone.Neutral);

        var bucket = Assert.Single(await Counter.ReadSeriesAsync(Tenant, Now, Now.AddMinutes(1)));
        Assert.Equal(3, bucket.Count("#launchday"));
        Assert.Equal(1, bucket.Negative("#launchday"));
        Assert.Equal(1, bucket.Positive("#launchday"));
        Assert.Equal(1, bucket.Negative("broke"));
        Assert.Equal(0, bucket.Positive("broke"));
    }

    [Fact]
    public async Task RecordAsync_WithRule_CountedForTheTenantAndTheRule()
    {
        await Counter.RecordAsync(Mention("#launchday for rule", Now), MentionTone.Neutral, ["rule-1"]);
        await Counter.RecordAsync(Mention("#launchday without rule", Now), MentionTone.Neutral);

        var tenantBucket = Assert.Single(await Counter.ReadSeriesAsync(Tenant, Now, Now.AddMinutes(1)));
        var ruleBucket = Assert.Single(await Counter.ReadSeriesAsync(Tenant, Now, Now.AddMinutes(1), "rule-1"));
        var otherRule = Assert.Single(await Counter.ReadSeriesAsync(Tenant, Now, Now.AddMinutes(1), "rule:with/odd chars"));
        Assert.Equal(2, tenantBucket.Count("#launchday"));
        Assert.Equal(1, ruleBucket.Count("#launchday"));
        Assert.Equal(1, ruleBucket.Mentions);
        Assert.Equal(0, otherRule.Mentions);
    }

    [Fact]
    public async Task RecordAsync_OtherTenant_NotVisible()
    {
        await Counter.RecordAsync(Mention("#launchday", Now) with { TenantId = "fabrikam" }, MentionTone.Neutral);

        Assert.Equal(0, Assert.Single(await Counter.ReadSeriesAsync(Tenant, Now, Now.AddMinutes(1))).Mentions);
    }

    [Fact]
    public async Task RecordAsync_OlderThanRetention_Ignored()
    {
        Assert.False(await Counter.RecordAsync(Mention("#ancient", Now.AddDays(-9)), MentionTone.Neutral));
    }

    [Fact]
    public async Task RecordAsync_FromTheFuture_CountedInTheCurrentHour()
    {
        await Counter.RecordAsync(Mention("#skewed", Now.AddHours(3)), MentionTone.Neutral);

        Assert.Equal(1, Assert.Single(await Counter.ReadSeriesAsync(Tenant, Now, Now.AddMinutes(1))).Count("#skewed"));
    }

    [Fact]
    public async Task RecordAsync_SeveralMentions_SampleIsTheMostReached()
    {
        await Counter.RecordAsync(Mention("#launchday", Now, followers: 10), MentionTone.Neutral);
        await Counter.RecordAsync(Mention("#launchday", Now, followers: 500, id: "big", author: "@big"), MentionTone.Neutral);
        await Counter.RecordAsync(Mention("#launchday", Now, followers: 50), MentionTone.Neutral);
        await Counter.RecordAsync(Mention("#launchday", Now.AddHours(-2), followers: 400), MentionTone.Neutral);

        var sample = await Counter.ReadBestSampleAsync(Tenant, "#launchday", [Now, Now.AddHours(-1), Now.AddHours(-2)]);

        Assert.Equal(new TrendSample(500, "big", "https://x.example/big", "@big"), sample);
    }

    [Fact]
    public async Task FindAsync_BurstOverAWeekOfTraffic_SameTrendOnEveryStore()
    {
        // Eight days of ordinary traffic, then a launch: 12 mentions of #LaunchDay in the last 6 hours.
        for (var hoursAgo = 191; hoursAgo >= 0; hoursAgo--)
        {
            await Counter.RecordAsync(Mention("product update shipped", Now.AddHours(-hoursAgo)), MentionTone.Neutral);
        }

        for (var i = 0; i < 12; i++)
        {
            var tone = i < 3 ? MentionTone.Negative : i < 5 ? MentionTone.Positive : MentionTone.Neutral;
            await Counter.RecordAsync(Mention("It's #LaunchDay at contoso.com/launch", Now.AddHours(-(i % 6)), followers: 100 + i, id: $"launch-{i}"), tone);
        }

        var scorer = new TrendScorer(Counter, Time);
        var terms = await scorer.FindAsync(Tenant, TrendQuery.Parse("24h"));
        var filtered = await scorer.FindAsync(Tenant, TrendQuery.Parse("24h #launch"));

        Assert.Equal(["#launchday", "contoso.com"], terms.Select(term => term.Key));
        var top = terms[0];
        Assert.Equal(TermKind.Hashtag, top.Kind);
        Assert.Equal("#LaunchDay", top.Display);
        Assert.Equal(12, top.Count);
        Assert.True(top.IsNew);
        Assert.Equal(new ToneMix(3, 7, 2), top.Tone);
        Assert.Equal(24, top.HourlySeries.Count);
        Assert.Equal(12, top.HourlySeries.Sum());
        Assert.Equal(2, top.HourlySeries[^1]);
        Assert.Equal("launch-11", top.Sample?.MentionId);
        Assert.Equal(["#launchday"], filtered.Select(term => term.Key));
        Assert.Equal("New: #LaunchDay — 12 mentions in 24 hours; 25% negative.", TrendHeadline.For(terms, TrendWindow.Day));
    }

    private IncomingMention Mention(string text, DateTimeOffset createdAt, long? followers = null, string? id = null, string? author = null)
    {
        id ??= $"m-{Interlocked.Increment(ref _ids)}";
        return new IncomingMention
        {
            TenantId = Tenant,
            Id = id,
            Source = MentionSource.X,
            Url = $"https://x.example/{id}",
            Author = new MentionAuthor(author, "Someone", followers),
            Text = text,
            CreatedAt = createdAt,
            Lang = "en",
            ReceivedAt = createdAt,
        };
    }
}
