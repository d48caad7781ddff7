using System.Net;
using SocialBot.Bot.Features.Mentions.Feeds;

namespace SocialBot.Bot.Tests.Features.Mentions.Feeds;

public sealed class FeedTrackerTests
{
    private readonly FeedTestBed bed = new(new FeedOptions { MaxFeedsPerConversation = 2 });

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not a url")]
    [InlineData("ftp://example.com/feed.xml")]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/feed.xml")]
    [InlineData("example.com/feed.xml")]
    [InlineData("https://exa mple.com/feed.xml")]
    [InlineData("https://example.com/feed.xml and more")]
    [InlineData("{\"url\": \"https://example.com\"}")]
    public async Task TrackAsync_NotAnHttpAddress_ExplainsWithAnExample_StoresNothing(string text)
    {
        var answer = await bed.Tracker.TrackAsync(FeedTestBed.Turn(), text, default);

        Assert.Contains("isn't a feed address", answer, StringComparison.Ordinal);
        Assert.Contains(FeedTracker.Example, answer, StringComparison.Ordinal);
        Assert.Empty(await bed.Feeds.ListAsync(FeedTestBed.Tenant, FeedTestBed.Turn().ConversationId, default));
        Assert.Empty(bed.Http.Requests);
    }

    [Fact]
    public async Task TrackAsync_VeryLongAddress_Refused() =>
        Assert.Contains("isn't a feed address", await bed.Tracker.TrackAsync(FeedTestBed.Turn(), "https://example.com/" + new string('a', 3_000), default), StringComparison.Ordinal);

    [Fact]
    public async Task TrackAsync_CredentialsInTheAddress_Refused()
    {
        var answer = await bed.Tracker.TrackAsync(FeedTestBed.Turn(), "https://user:secret@example.com/feed.xml", default);

        Assert.Contains("Leave the user name and password out", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", answer, StringComparison.Ordinal);
        Assert.Empty(bed.Http.Requests);
    }

    [Fact]
    public async Task TrackAsync_Works_PrimesWithoutQueueing_AndSaysHowManyItemsAreThere()
    {
        bed.Http.Answer = _ => StubFeedHttp.Rss(("a", "First"), ("b", "Second"));

        var answer = await bed.Tracker.TrackAsync(FeedTestBed.Turn(), "https://news.example/feed.xml", default);

        Assert.Equal("Following feed F1: https://news.example/feed.xml (2 items there now, which I won't repeat). New items arrive here as mentions: urgent ones at once, the rest in the regular summary. **untrack F1** stops it.", answer);
        Assert.Empty(await bed.QueuedAsync());
        var state = await bed.StateAsync(FeedTestBed.Turn());
        Assert.True(state.Primed);
        Assert.Equal("\"v2\"", state.ETag);
        Assert.Equal(bed.Clock.GetUtcNow() + bed.Settings.FeedPollInterval, state.NextPollAt);
    }

    [Fact]
    public async Task TrackAsync_TeamsLinkMarkupAndAngleBrackets_Understood()
    {
        Assert.Contains("Following feed F1: https://news.example/a.xml?x=1&y=2", await bed.Tracker.TrackAsync(FeedTestBed.Turn(), "<a href=\"https://news.example/a.xml?x=1&amp;y=2\">https://news.example/a.xml?x=1&amp;y=2</a>", default), StringComparison.Ordinal);
        Assert.Contains("Following feed F2: https://news.example/b.xml", await bed.Tracker.TrackAsync(FeedTestBed.Turn(), "<https://news.example/b.xml#top>", default), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrackAsync_SameFeedTwice_NamesTheExistingNumber_SameHostDifferentCaseToo()
    {
        await bed.Tracker.TrackAsync(FeedTestBed.Turn(), "https://news.example/feed.xml", default);

        Assert.Equal("This chat already follows that feed as F1. Type **tracking** to see how it is doing.", await bed.Tracker.TrackAsync(FeedTestBed.Turn(), "https://NEWS.example/feed.xml", default));
        Assert.Single(await bed.Feeds.ListAsync(FeedTestBed.Tenant, FeedTestBed.Turn().ConversationId, default));
    }

    [Fact]
    public async Task TrackAsync_AnotherChat_FollowsTheSameFeedOnItsOwn()
    {
        await bed.Tracker.TrackAsync(FeedTestBed.Turn(), "https://news.example/feed.xml", default);

        Assert.Contains("Following feed F1", await bed.Tracker.TrackAsync(FeedTestBed.Turn("19:other@thread.tacv2"), "https://news.example/feed.xml", default), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrackAsync_OverTheLimit_SaysHowToMakeRoom()
    {
        await bed.Tracker.TrackAsync(FeedTestBed.Turn(), "https://news.example/1.xml", default);
        await bed.Tracker.TrackAsync(FeedTestBed.Turn(), "https://news.example/2.xml", default);

        Assert.Equal("This chat follows 2 feeds, the most it can. Stop one first (**untrack F1**); **tracking** lists them.", await bed.Tracker.TrackAsync(FeedTestBed.Turn(), "https://news.example/3.xml", default));
    }

    [Fact]
    public async Task TrackAsync_FirstLookFails_KeepsTheFeedAndSaysWhatWentWrong()
    {
        bed.Http.Answer = _ => new HttpResponseMessage(HttpStatusCode.NotFound);

        var answer = await bed.Tracker.TrackAsync(FeedTestBed.Turn(), "https://news.example/missing.xml", default);

        Assert.Equal("Added feed F1, but the first look failed: The feed answered HTTP 404 (not found): check the address. I'll keep trying, less often while it fails; **tracking** shows how it is doing and **untrack F1** stops it.", answer);
        var state = await bed.StateAsync(FeedTestBed.Turn());
        Assert.Equal(1, state.Failures);
        Assert.False(state.Primed);
    }

    [Fact]
    public async Task TrackAsync_NotAFeed_SaysSo()
    {
        bed.Http.Answer = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html><body>Welcome</body></html>") };

        Assert.Contains("not an RSS or Atom feed (it starts with <html>)", await bed.Tracker.TrackAsync(FeedTestBed.Turn(), "https://news.example/", default), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinesAsync_HumanizedLastLook_ThenFailureWithNextTry()
    {
        bed.Http.Answer = _ => StubFeedHttp.Rss(("a", "First"), ("b", "Second"), ("c", "Third"));
        await bed.Tracker.TrackAsync(FeedTestBed.Turn(), "https://news.example/feed.xml", default);
        bed.Clock.Advance(TimeSpan.FromMinutes(4));

        Assert.Equal(["F1. https://news.example/feed.xml — checked 4 minutes ago · 3 items · 0 new so far"], await bed.Tracker.LinesAsync(FeedTestBed.Turn(), default));

        bed.Http.Answer = _ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        await bed.Fetcher.LookAsync(await bed.StateAsync(FeedTestBed.Turn()), default);
        bed.Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(["F1. https://news.example/feed.xml — last look failed 5 minutes ago: The feed's server had an error (HTTP 503); I'll try again later. Next try in 15 minutes."], await bed.Tracker.LinesAsync(FeedTestBed.Turn(), default));
    }

    [Theory]
    [InlineData("F1")]
    [InlineData("f1")]
    [InlineData("#F1")]
    [InlineData("feed 1")]
    [InlineData("https://news.example/feed.xml")]
    public async Task UntrackAsync_ByNumberOrAddress_Stops(string text)
    {
        await bed.Tracker.TrackAsync(FeedTestBed.Turn(), "https://news.example/feed.xml", default);

        Assert.Equal("Stopped following feed F1: https://news.example/feed.xml.", await bed.Tracker.UntrackAsync(FeedTestBed.Turn(), text, default));
        Assert.Empty(await bed.Feeds.ListAsync(FeedTestBed.Tenant, FeedTestBed.Turn().ConversationId, default));
        Assert.Empty(await bed.Store.SortedSetRangeByScoreAsync(FeedStore.DueKey));
    }

    [Fact]
    public async Task UntrackAsync_UnknownFeed_SaysSo_NumbersAreNotReused()
    {
        await bed.Tracker.TrackAsync(FeedTestBed.Turn(), "https://news.example/1.xml", default);
        await bed.Tracker.UntrackAsync(FeedTestBed.Turn(), "F1", default);

        Assert.Equal("This chat follows no feed F1. Type **tracking** to see them.", await bed.Tracker.UntrackAsync(FeedTestBed.Turn(), "F1", default));
        Assert.Equal("This chat doesn't follow that feed. Type **tracking** to see the feeds it follows.", await bed.Tracker.UntrackAsync(FeedTestBed.Turn(), "https://news.example/9.xml", default));
        Assert.Contains("Following feed F2", await bed.Tracker.TrackAsync(FeedTestBed.Turn(), "https://news.example/1.xml", default), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("#2")]
    [InlineData("")]
    [InlineData("F")]
    [InlineData("Fx")]
    [InlineData("F99999999999")]
    public async Task UntrackAsync_NotAFeed_LeftToTheRules(string text) =>
        Assert.Null(await bed.Tracker.UntrackAsync(FeedTestBed.Turn(), text, default));
}
