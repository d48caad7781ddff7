using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SocialBot.Bot.Features.Mentions.Feeds;
using SocialBot.IntegrationTests.Hosting;
using SocialBot.IntegrationTests.State;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Features.Mentions;

/// <summary>
/// <c>track feed</c> against a real RSS server on loopback (ETag, 304, failures): the first look only remembers what is
/// there, a new item becomes an alert in the chat once, an unchanged feed costs a 304, errors back off.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class FeedsFlowTests(RedisServerFixture redis) : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly FeedServer feedServer = new();
    private BotTestHost host = null!;

    public async Task InitializeAsync()
    {
        await feedServer.StartAsync();
        host = await StartAsync(allowPrivate: true);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await feedServer.DisposeAsync();
    }

    [Fact]
    public async Task TrackFeed_NewItemAlertsOnce_UnchangedFeedIs304_UntrackStops()
    {
        feedServer.Items.Add(("old-1", "Old news about acme", "Nothing new here"));
        feedServer.Items.Add(("old-2", "Older news", "Still nothing"));

        var answer = await SayAsync($"track feed {feedServer.Url}");
        Assert.Contains("Following feed F1", answer, StringComparison.Ordinal);
        Assert.Contains("2 items there now", answer, StringComparison.Ordinal);

        feedServer.Items.Add(("new-1", "Acme outage", "Customers demand refunds, the app is broken and terrible"));
        await PollAsync();
        var alert = await host.Connector.WaitForAsync(r => r.Body?.ToJsonString().Contains("Acme outage", StringComparison.Ordinal) == true, Wait);
        await PollAsync();
        await PollAsync();

        Assert.Contains("High-priority mention on News", alert.Body!.ToJsonString(), StringComparison.Ordinal);
        Assert.Single(host.Connector.Requests, r => r.Body?.ToJsonString().Contains("Acme outage", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(host.Connector.Requests, r => r.Body?.ToJsonString().Contains("Old news about acme", StringComparison.Ordinal) == true);
        Assert.Contains(HttpStatusCode.NotModified, feedServer.Answers);
        Assert.Contains("F1. " + feedServer.Url, await SayAsync("tracking"), StringComparison.Ordinal);
        Assert.Contains("Stopped following feed F1", await SayAsync("untrack F1"), StringComparison.Ordinal);
        Assert.Contains("follows no feed F1", await SayAsync("untrack f1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrackFeed_BadInput_ClearAnswers_ErrorsBackOff()
    {
        Assert.Contains("isn't a feed address", await SayAsync("track feed ftp://example.com/feed"), StringComparison.Ordinal);
        Assert.Contains("isn't a feed address", await SayAsync("track feed"), StringComparison.Ordinal);
        Assert.Contains("isn't a feed address", await SayAsync("track feed not a url"), StringComparison.Ordinal);

        feedServer.FailWith = HttpStatusCode.InternalServerError;
        var failed = await SayAsync($"track feed {feedServer.Url}");
        Assert.Contains("the first look failed: The feed answered HTTP 500", failed, StringComparison.Ordinal);
        Assert.Contains("already follows that feed", await SayAsync($"track feed {feedServer.Url}"), StringComparison.Ordinal);

        var feeds = host.Services.GetRequiredService<FeedStore>();
        var feed = (await feeds.ListAsync(BotTestHost.TenantId, TeamsActivities.ChannelConversationId, CancellationToken.None)).Single();
        var state = await feeds.StateAsync(BotTestHost.TenantId, feed.FeedId, CancellationToken.None);
        Assert.Equal(1, state!.Failures);
        Assert.Contains("last look failed", await SayAsync("tracking"), StringComparison.Ordinal);

        feedServer.FailWith = null;
        feedServer.NotAFeed = true;
        Assert.Contains("not an RSS or Atom feed", (await host.Services.GetRequiredService<FeedPoller>().PollAsync(state, CancellationToken.None)).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrackFeed_PrivateAddressWithoutPermission_Refused()
    {
        await using var strict = await StartAsync(allowPrivate: false);
        await strict.PostActivityAsync(TeamsActivities.ChannelMessage(strict, TeamsUser.Approver, $"track feed {feedServer.Url}"));
        var reply = await strict.Connector.WaitForAsync(r => r.Body?.ToJsonString().Contains("feed F1", StringComparison.Ordinal) == true, Wait);

        Assert.Contains("inside a private network", reply.Body!.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(feedServer.Answers);
    }

    private Task<BotTestHost> StartAsync(bool allowPrivate) => BotTestHost.StartAsync(redis.ConnectionString, new Dictionary<string, string?>
    {
        ["State:KeyPrefix"] = redis.NewKeyPrefix(),
        ["Ingestion:Secret"] = "feeds-flow-secret-0123456789",
        ["Ingestion:PollInterval"] = "00:00:00.100",
        ["Mentions:FeedPollInterval"] = "00:00:01",
        ["Mentions:AllowPrivateFeedAddresses"] = allowPrivate ? "true" : "false",
    });

    /// <summary>Lets the feed come due, then polls (the background poller may take it first; claims keep it to one).</summary>
    private async Task PollAsync()
    {
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        await host.Services.GetRequiredService<FeedPoller>().PollDueAsync(CancellationToken.None);
    }

    private async Task<string> SayAsync(string text)
    {
        var before = host.Connector.Requests.Count(r => r.ConversationId == TeamsActivities.ChannelConversationId);
        await host.PostActivityAsync(TeamsActivities.ChannelMessage(host, TeamsUser.Approver, text));
        await host.Connector.WaitForAsync((IReadOnlyList<RecordedRequest> all) => all.Count(r => r.ConversationId == TeamsActivities.ChannelConversationId) > before, Wait);
        return System.Text.RegularExpressions.Regex.Unescape(host.Connector.Requests.Last(r => r.ConversationId == TeamsActivities.ChannelConversationId).Body!.ToJsonString());
    }

    /// <summary>An RSS server on 127.0.0.1 with an ETag per content, 304 for a matching If-None-Match, and failures on demand.</summary>
    private sealed class FeedServer : IAsyncDisposable
    {
        private WebApplication? app;

        public List<(string Id, string Title, string Text)> Items { get; } = [];

        public List<HttpStatusCode> Answers { get; } = [];

        public HttpStatusCode? FailWith { get; set; }

        public bool NotAFeed { get; set; }

        public string Url { get; private set; } = string.Empty;

        public async Task StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
            app = builder.Build();
            app.MapGet("/feed.xml", Serve);
            await app.StartAsync();
            Url = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single() + "/feed.xml";
        }

        public async ValueTask DisposeAsync()
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }

        private async Task Serve(HttpContext context)
        {
            if (FailWith is { } status)
            {
                Answer(context, status);
                return;
            }

            if (NotAFeed)
            {
                Answer(context, HttpStatusCode.OK);
                await context.Response.WriteAsync("<html><body>Welcome</body></html>");
                return;
            }

            List<(string Id, string Title, string Text)> items;
            lock (Items)
            {
                items = [.. Items];
            }

            var etag = $"\"v{items.Count}\"";
            if (context.Request.Headers.IfNoneMatch == etag)
            {
                Answer(context, HttpStatusCode.NotModified);
                return;
            }

            Answer(context, HttpStatusCode.OK);
            context.Response.Headers.ETag = etag;
            context.Response.ContentType = "application/rss+xml";
            var entries = string.Concat(items.Select(i => $"<item><guid>{i.Id}</guid><title>{i.Title}</title><description>{i.Text}</description><link>https://news.example/{i.Id}</link></item>"));
            await context.Response.WriteAsync($"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>News</title>{entries}</channel></rss>");
        }

        private void Answer(HttpContext context, HttpStatusCode status)
        {
            lock (Answers)
            {
                Answers.Add(status);
            }

            context.Response.StatusCode = (int)status;
        }
    }
}
