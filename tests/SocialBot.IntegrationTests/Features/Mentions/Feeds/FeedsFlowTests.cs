using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SocialBot.Bot.Features.Mentions.Feeds;
using SocialBot.IntegrationTests.Hosting;
using SocialBot.IntegrationTests.State;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Features.Mentions.Feeds;

/// <summary>
/// <c>track feed</c> over HTTP against the real host (its own background poller, ingestion worker and real clock),
/// a loopback feed server and a real Redis: the first look only remembers what is there, a new item becomes an alert
/// in that chat once, an unchanged feed costs a 304; bad input gets clear answers.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class FeedsFlowTests(RedisServerFixture redis) : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private LoopbackFeedServer feedServer = null!;
    private BotTestHost host = null!;

    public async Task InitializeAsync()
    {
        feedServer = await LoopbackFeedServer.StartAsync();
        host = await StartAsync(allowPrivate: true);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await feedServer.DisposeAsync();
    }

    [Fact]
    public async Task TrackFeed_NewItemAlertsThatChatOnce_UnchangedFeedIs304_TrackingAndUntrack()
    {
        feedServer.Add("old-1", "Old news about acme", "Nothing new here");
        feedServer.Add("old-2", "Older news", "Still nothing");

        var answer = await SayAsync($"track feed {feedServer.Url}");
        Assert.Contains("Following feed F1", answer, StringComparison.Ordinal);
        Assert.Contains("2 items there now", answer, StringComparison.Ordinal);

        feedServer.Add("new-1", "Acme outage", "Customers demand refunds, the app is broken and terrible");
        var alert = await host.Connector.WaitForAsync(r => Has(r, "Acme outage"), Wait);
        await WaitUntilAsync(() => feedServer.Requests.Count(r => r.Status == HttpStatusCode.NotModified) >= 2);

        Assert.Equal(TeamsActivities.ChannelConversationId, alert.ConversationId);
        Assert.Contains("High-priority mention on News", alert.Body!.ToJsonString(), StringComparison.Ordinal);
        Assert.Single(host.Connector.Requests, r => Has(r, "Acme outage"));
        Assert.DoesNotContain(host.Connector.Requests, r => Has(r, "Old news about acme"));
        Assert.Matches(@"F1\. http://127\.0\.0\.1:\d+/feed\.xml — checked .* · 3 items · 1 new so far", await SayAsync("tracking"));
        Assert.Contains("Stopped following feed F1", await SayAsync("untrack F1"), StringComparison.Ordinal);
        Assert.Contains("follows no feed F1", await SayAsync("untrack f1"), StringComparison.Ordinal);
        Assert.Contains("tracks nothing yet", await SayAsync("tracking"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrackFeed_BadInput_ClearAnswers_FailingFeedReported()
    {
        Assert.Contains("isn't a feed address", await SayAsync("track feed ftp://example.com/feed"), StringComparison.Ordinal);
        Assert.Contains("isn't a feed address", await SayAsync("track feed"), StringComparison.Ordinal);
        Assert.Contains("isn't a feed address", await SayAsync("track feed not a url"), StringComparison.Ordinal);

        feedServer.FailWith = HttpStatusCode.InternalServerError;
        var failed = await SayAsync($"track feed {feedServer.Url}");
        Assert.Contains("the first look failed: The feed's server had an error (HTTP 500)", failed, StringComparison.Ordinal);
        Assert.Contains("already follows that feed as F1", await SayAsync($"track feed {feedServer.Url}"), StringComparison.Ordinal);
        Assert.Contains("last look failed", await SayAsync("tracking"), StringComparison.Ordinal);

        feedServer.FailWith = null;
        feedServer.NotAFeed = true;
        var feeds = host.Services.GetRequiredService<FeedStore>();
        var feed = (await feeds.ListAsync(BotTestHost.TenantId, TeamsActivities.ChannelConversationId, CancellationToken.None)).Single();
        var state = await feeds.StateAsync(BotTestHost.TenantId, feed.FeedId, CancellationToken.None);
        Assert.Contains("not an RSS or Atom feed", (await host.Services.GetRequiredService<FeedFetcher>().LookAsync(state!, CancellationToken.None)).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrackFeed_PrivateAddressWithoutPermission_RefusedAndNotKept()
    {
        await using var strict = await StartAsync(allowPrivate: false);

        var answer = await SayAsync($"track feed {feedServer.Url}", strict);

        Assert.Contains("private or local network; I only follow public feeds", answer, StringComparison.Ordinal);
        Assert.Contains("tracks nothing yet", await SayAsync("tracking", strict), StringComparison.Ordinal);
        Assert.Empty(feedServer.Requests);
    }

    private static bool Has(RecordedRequest request, string text) =>
        request.Method == "POST" && request.Body?.ToJsonString().Contains(text, StringComparison.Ordinal) == true;

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (!condition())
        {
            await Task.Delay(100, timeout.Token);
        }
    }

    private Task<BotTestHost> StartAsync(bool allowPrivate) => BotTestHost.StartAsync(redis.ConnectionString, new Dictionary<string, string?>
    {
        ["State:KeyPrefix"] = redis.NewKeyPrefix(),
        ["Ingestion:Secret"] = "feeds-flow-secret-0123456789",
        ["Ingestion:PollInterval"] = "00:00:00.100",
        ["Mentions:FeedPollInterval"] = "00:00:01",
        ["Mentions:AllowPrivateFeedAddresses"] = allowPrivate ? "true" : "false",
    });

    private async Task<string> SayAsync(string text, BotTestHost? on = null)
    {
        var target = on ?? host;
        var before = target.Connector.Requests.Count(r => r.ConversationId == TeamsActivities.ChannelConversationId);
        using (await target.PostActivityAsync(TeamsActivities.ChannelMessage(target, TeamsUser.Approver, text)))
        {
        }

        await target.Connector.WaitForAsync((IReadOnlyList<RecordedRequest> all) => all.Count(r => r.ConversationId == TeamsActivities.ChannelConversationId) > before, Wait);
        return System.Text.RegularExpressions.Regex.Unescape(target.Connector.Requests.Last(r => r.ConversationId == TeamsActivities.ChannelConversationId).Body!.ToJsonString());
    }
}
