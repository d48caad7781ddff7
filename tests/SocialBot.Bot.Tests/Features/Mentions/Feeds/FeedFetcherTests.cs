using System.Net;
using System.Text;
using SocialBot.Bot.Features.Mentions.Feeds;
using SocialBot.Bot.Ingestion;

namespace SocialBot.Bot.Tests.Features.Mentions.Feeds;

public sealed class FeedFetcherTests
{
    private readonly FeedTestBed bed = new();

    [Fact]
    public async Task LookAsync_AfterPriming_QueuesOnlyNewItems_OnceEach_ForThatChat()
    {
        await TrackAsync(("a", "Old"));
        bed.Http.Answer = _ => StubFeedHttp.Rss(("a", "Old"), ("b", "Acme ships Cloud 2"));

        var first = await bed.Fetcher.LookAsync(await bed.StateAsync(FeedTestBed.Turn()), default);
        var again = await bed.Fetcher.LookAsync(await bed.StateAsync(FeedTestBed.Turn()), default);

        Assert.Equal((true, 1, 2), (first.Ok, first.NewItems, first.ItemsInFeed));
        Assert.Equal(0, again.NewItems);
        var mention = Assert.Single(await bed.QueuedAsync());
        Assert.Equal(FeedTestBed.Tenant, mention.TenantId);
        Assert.Equal(FeedTestBed.Turn().ConversationId, mention.FeedConversationId);
        Assert.Equal(MentionSource.News, mention.Source);
        Assert.Equal("Acme ships Cloud 2", mention.Text);
        Assert.Equal("https://news.example/b", mention.Url);
        Assert.Equal("news.example", mention.Author.Name);
        Assert.StartsWith("feed:" + SocialBot.Bot.State.StoreKey.Digest(FeedTestBed.Turn().ConversationId) + ":", mention.Id, StringComparison.Ordinal);
        Assert.Equal(1, (await bed.StateAsync(FeedTestBed.Turn())).ItemsDelivered);
    }

    [Fact]
    public async Task LookAsync_OneArticleInTwoFeedsOfAChat_OneAlert_AnotherChatStillGetsIt()
    {
        var chat = FeedTestBed.Turn();
        var otherChat = FeedTestBed.Turn("19:other@thread.tacv2");
        bed.Http.Answer = _ => Xml("<rss><channel></channel></rss>");
        await bed.Tracker.TrackAsync(chat, "https://press.example/feed.xml", default);
        await bed.Tracker.TrackAsync(chat, "https://search.example/acme.rss", default);
        await bed.Tracker.TrackAsync(otherChat, "https://press.example/feed.xml", default);
        bed.Http.Answer = request => request.RequestUri!.Host == "press.example"
            ? Xml("<rss><channel><item><guid>p1</guid><title>Acme ships Cloud 2</title><link>https://news.example/cloud-2?utm_source=press&amp;id=7</link></item></channel></rss>")
            : Xml("<rss><channel><item><guid>s9</guid><title>Acme ships Cloud 2</title><link>https://NEWS.example/cloud-2?id=7&amp;utm_medium=rss#top</link></item></channel></rss>");

        foreach (var feed in (await bed.Feeds.ListAsync(FeedTestBed.Tenant, chat.ConversationId, default))
            .Concat(await bed.Feeds.ListAsync(FeedTestBed.Tenant, otherChat.ConversationId, default)))
        {
            await bed.Fetcher.LookAsync((await bed.Feeds.StateAsync(FeedTestBed.Tenant, feed.FeedId, default))!, default);
        }

        var queued = await bed.QueuedAsync();
        Assert.Equal([chat.ConversationId, otherChat.ConversationId], queued.Select(m => m.FeedConversationId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task LookAsync_TwoFeedsWithoutLinksReusingAnItemId_BothDelivered()
    {
        bed.Http.Answer = _ => Xml("<rss><channel></channel></rss>");
        await bed.Tracker.TrackAsync(FeedTestBed.Turn(), "https://one.example/feed.xml", default);
        await bed.Tracker.TrackAsync(FeedTestBed.Turn(), "https://two.example/feed.xml", default);
        bed.Http.Answer = request => Xml($"<rss><channel><item><guid>1</guid><title>News from {request.RequestUri!.Host}</title></item></channel></rss>");

        foreach (var feed in await bed.Feeds.ListAsync(FeedTestBed.Tenant, FeedTestBed.Turn().ConversationId, default))
        {
            await bed.Fetcher.LookAsync((await bed.Feeds.StateAsync(FeedTestBed.Tenant, feed.FeedId, default))!, default);
        }

        Assert.Equal(["News from one.example", "News from two.example"], (await bed.QueuedAsync()).Select(m => m.Text).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task LookAsync_Primed_SendsValidators_304DoesNothing()
    {
        await TrackAsync(("a", "Old"));
        bed.Http.Answer = request => request.Headers.IfNoneMatch.ToString() == "\"v1\"" ? new HttpResponseMessage(HttpStatusCode.NotModified) : StubFeedHttp.Rss(("z", "Wrong"));

        var result = await bed.Fetcher.LookAsync(await bed.StateAsync(FeedTestBed.Turn()), default);

        Assert.Equal((true, true, 0), (result.Ok, result.NotModified, result.NewItems));
        Assert.Empty(await bed.QueuedAsync());
        Assert.Equal(1, (await bed.StateAsync(FeedTestBed.Turn())).ItemsListed);
    }

    [Fact]
    public async Task LookAsync_FirstLookFailed_NoValidatorsUntilPrimed()
    {
        bed.Http.Answer = _ => new HttpResponseMessage(HttpStatusCode.InternalServerError);
        await bed.Tracker.TrackAsync(FeedTestBed.Turn(), "https://news.example/feed.xml", default);
        bed.Http.Answer = _ => StubFeedHttp.Rss(("a", "Back catalogue"));

        await bed.Fetcher.LookAsync(await bed.StateAsync(FeedTestBed.Turn()), default);

        Assert.All(bed.Http.Requests, r => Assert.Empty(r.Headers.IfNoneMatch));
        Assert.Empty(await bed.QueuedAsync());
        Assert.True((await bed.StateAsync(FeedTestBed.Turn())).Primed);
    }

    [Fact]
    public async Task LookAsync_ItemsOlderThanWhatIsRemembered_NotDelivered()
    {
        await TrackAsync(("a", "Old"));
        var old = bed.Clock.GetUtcNow().AddDays(-40).ToString("R");
        bed.Http.Answer = _ => Xml($"<rss><channel><item><guid>x</guid><title>Ancient</title><pubDate>{old}</pubDate></item><item><guid>y</guid><title>Fresh</title></item></channel></rss>");

        await bed.Fetcher.LookAsync(await bed.StateAsync(FeedTestBed.Turn()), default);

        Assert.Equal("Fresh", Assert.Single(await bed.QueuedAsync()).Text);
    }

    [Fact]
    public async Task LookAsync_TitleAndHtmlSummary_OneTextWithoutMarkup()
    {
        await TrackAsync(("a", "Old"));
        bed.Http.Answer = _ => Xml("<rss><channel><item><guid>n</guid><title>Acme outage</title><author>press@acme.example (Ana Press)</author><description>&lt;p&gt;Checkout is &lt;b&gt;down&lt;/b&gt;&lt;script&gt;steal()&lt;/script&gt;&lt;/p&gt;</description></item></channel></rss>");

        await bed.Fetcher.LookAsync(await bed.StateAsync(FeedTestBed.Turn()), default);

        var mention = Assert.Single(await bed.QueuedAsync());
        Assert.Equal("Acme outage — Checkout is down", mention.Text);
        Assert.Equal("Ana Press", mention.Author.Name);
    }

    [Fact]
    public async Task LookAsync_Failures_BackOffDoubling_UpToTheCap_RetryAfterHonoured_ThenBack()
    {
        await TrackAsync(("a", "Old"));
        var interval = bed.Settings.FeedPollInterval;
        bed.Http.Answer = _ => new HttpResponseMessage(HttpStatusCode.BadGateway);
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 7; i++)
        {
            await bed.Fetcher.LookAsync(await bed.StateAsync(FeedTestBed.Turn()), default);
            waits.Add((await bed.StateAsync(FeedTestBed.Turn())).NextPollAt!.Value - bed.Clock.GetUtcNow());
        }

        Assert.Equal([interval * 2, interval * 4, interval * 8, interval * 16, interval * 32, bed.Settings.FeedMaxBackoff, bed.Settings.FeedMaxBackoff], waits);

        bed.Http.Answer = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<rss><channel></channel></rss>") };
        await bed.Fetcher.LookAsync(await bed.StateAsync(FeedTestBed.Turn()), default);
        var recovered = await bed.StateAsync(FeedTestBed.Turn());
        Assert.Equal((0, (string?)null, bed.Clock.GetUtcNow() + interval), (recovered.Failures, recovered.LastError, recovered.NextPollAt));
    }

    [Fact]
    public void Backoff_RetryAfterLongerThanTheDoubling_WinsWithinTheCap()
    {
        var settings = new FeedOptions();

        Assert.Equal(TimeSpan.FromHours(1), FeedFetcher.Backoff(settings, 1, TimeSpan.FromHours(1)));
        Assert.Equal(TimeSpan.FromMinutes(20), FeedFetcher.Backoff(settings, 1, TimeSpan.FromSeconds(5)));
        Assert.Equal(settings.FeedMaxBackoff, FeedFetcher.Backoff(settings, 1, TimeSpan.FromDays(3)));
        Assert.Equal(settings.FeedMaxBackoff, FeedFetcher.Backoff(settings, int.MaxValue));
    }

    [Fact]
    public async Task LookAsync_BodyOverTwoMegabytesWithoutLength_Refused()
    {
        await TrackAsync(("a", "Old"));
        bed.Http.Answer = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new EndlessStream()) };

        var result = await bed.Fetcher.LookAsync(await bed.StateAsync(FeedTestBed.Turn()), default);

        Assert.False(result.Ok);
        Assert.StartsWith("The feed is larger than 2 MB", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LookAsync_FeedUntrackedMeanwhile_NothingResurrected()
    {
        await TrackAsync(("a", "Old"));
        var state = await bed.StateAsync(FeedTestBed.Turn());
        await bed.Tracker.UntrackAsync(FeedTestBed.Turn(), "F1", default);

        await bed.Fetcher.LookAsync(state, default);

        Assert.Null(await bed.Feeds.StateAsync(FeedTestBed.Tenant, state.FeedId, default));
        Assert.Empty(await bed.Store.SortedSetRangeByScoreAsync(FeedStore.DueKey));
    }

    private async Task<TrackedFeed> TrackAsync(params (string Id, string Title)[] items)
    {
        bed.Http.Answer = _ => StubFeedHttp.Rss(items);
        Assert.Contains("Following feed", await bed.Tracker.TrackAsync(FeedTestBed.Turn(), "https://news.example/feed.xml", default), StringComparison.Ordinal);
        return (await bed.Feeds.ListAsync(FeedTestBed.Tenant, FeedTestBed.Turn().ConversationId, default)).Single();
    }

    private static HttpResponseMessage Xml(string xml) => new(HttpStatusCode.OK) { Content = new StringContent(xml, Encoding.UTF8, "application/rss+xml") };

    /// <summary>"<rss>" followed by spaces forever, with no Content-Length.</summary>
    private sealed class EndlessStream : Stream
    {
        private bool started;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var text = started ? new string(' ', count) : "<rss>";
            started = true;
            return Encoding.ASCII.GetBytes(text, 0, Math.Min(count, text.Length), buffer, offset);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
