using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SocialBot.Bot.Features.Mentions;
using SocialBot.Bot.Features.Mentions.Feeds;
using SocialBot.Bot.Ingestion;
using SocialBot.Bot.State;
using SocialBot.IntegrationTests.Hosting;
using SocialBot.IntegrationTests.State;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Features.Mentions.Feeds;

/// <summary>
/// The feed poller with a fake clock against a loopback feed server and a real Redis, inside the real host: the
/// background poller and the ingestion worker are off, so each test decides when a round runs and when the queue is
/// processed (by the real mention processor: match, score, store, deliver to the recording connector).
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class FeedPollerTests(RedisServerFixture redis) : IAsyncLifetime
{
    private const string UrgentTitle = "Acme outage: checkout broken";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);
    private readonly TimerAwareFakeTimeProvider clock = new();
    private readonly string prefix = redis.NewKeyPrefix();
    private LoopbackFeedServer server = null!;
    private BotTestHost host = null!;

    private FeedPoller Poller => host.Services.GetRequiredService<FeedPoller>();

    public async Task InitializeAsync()
    {
        clock.SetUtcNow(DateTimeOffset.UtcNow);
        server = await LoopbackFeedServer.StartAsync();
        server.Add("old-1", "Acme opens a new office", "Old news");
        server.Add("old-2", "Acme hires", "Older news");
        host = await StartHostAsync();
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await server.DisposeAsync();
    }

    [Theory]
    [InlineData(FeedFormat.Rss, FeedValidator.ETag)]
    [InlineData(FeedFormat.Atom, FeedValidator.LastModified)]
    public async Task PollDue_UnchangedFeed_ConditionalGetAnswered304_NoWork(FeedFormat format, FeedValidator validator)
    {
        (server.Format, server.Validator) = (format, validator);
        Assert.Contains("Following feed F1", await SayAsync($"track feed {server.Url}"), StringComparison.Ordinal);
        Assert.Equal(0, await Poller.PollDueAsync(default));

        clock.Advance(Interval);
        Assert.Equal(1, await Poller.PollDueAsync(default));

        var conditional = server.Requests[^1];
        Assert.Equal(HttpStatusCode.NotModified, conditional.Status);
        Assert.NotEqual(string.Empty, validator == FeedValidator.ETag ? conditional.IfNoneMatch : conditional.IfModifiedSince);
        Assert.Equal(0, await ProcessQueueAsync());
        var state = await StateAsync();
        Assert.Equal((clock.GetUtcNow(), clock.GetUtcNow() + Interval, 2, 0), (state.CheckedAt, state.NextPollAt, state.ItemsListed, state.ItemsDelivered));
    }

    [Theory]
    [InlineData(FeedFormat.Rss)]
    [InlineData(FeedFormat.Atom)]
    public async Task PollDue_NewUrgentItem_ExactlyOneAlertInThatChat_BackCatalogueNever(FeedFormat format)
    {
        server.Format = format;
        await SayAsync($"track feed {server.Url}");
        server.Add("new-1", UrgentTitle, "Customers want a refund, the app is broken and terrible");

        clock.Advance(Interval);
        await Poller.PollDueAsync(default);
        Assert.Equal(1, await ProcessQueueAsync());
        clock.Advance(Interval);
        await Poller.PollDueAsync(default);
        Assert.Equal(0, await ProcessQueueAsync());

        var alert = Assert.Single(host.Connector.Requests, r => Has(r, UrgentTitle));
        Assert.Equal(TeamsActivities.ChannelConversationId, alert.ConversationId);
        var card = alert.Body!.ToJsonString();
        Assert.Contains("High-priority mention on News", card, StringComparison.Ordinal);
        Assert.Contains(format == FeedFormat.Rss ? "https://news.example/new-1" : "https://blog.example/new-1", card, StringComparison.Ordinal);
        Assert.Contains(format == FeedFormat.Rss ? "Jo Writer" : "Ana Blogger", card, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Connector.Requests, r => Has(r, "Acme opens a new office") || Has(r, "Acme hires"));
        Assert.Equal(1, (await StateAsync()).ItemsDelivered);
    }

    [Fact]
    public async Task PollDue_NewCalmItem_ComesInTheNextSummaryNotAsAnAlert()
    {
        await SayAsync($"track feed {server.Url}");
        server.Add("calm-1", "Acme publishes its spring catalogue", "Forty new products for the garden");

        clock.Advance(Interval);
        await Poller.PollDueAsync(default);
        Assert.Equal(1, await ProcessQueueAsync());
        Assert.DoesNotContain(host.Connector.Requests, r => Has(r, "spring catalogue"));

        clock.Advance(TimeSpan.FromMinutes(16));
        await host.Services.GetRequiredService<MentionBatchWorker>().SendDueAsync(default);
        var summary = await host.Connector.WaitForAsync(r => Has(r, "spring catalogue"), Wait);

        Assert.Equal(TeamsActivities.ChannelConversationId, summary.ConversationId);
        Assert.DoesNotContain("High-priority", summary.Body!.ToJsonString(), StringComparison.Ordinal);
        Assert.Single(host.Connector.Requests, r => Has(r, "spring catalogue"));
    }

    [Fact]
    public async Task PollDue_ServerErrors_BackOffDoublingToTheCap_ThenRecovers()
    {
        await SayAsync($"track feed {server.Url}");
        server.FailWith = HttpStatusCode.InternalServerError;

        clock.Advance(Interval);
        Assert.Equal(1, await Poller.PollDueAsync(default));
        Assert.Equal((1, clock.GetUtcNow() + (Interval * 2)), Backoff(await StateAsync()));
        Assert.Contains("last look failed just now: The feed's server had an error (HTTP 500); I'll try again later. Next try in 20 minutes.", await SayAsync("tracking"), StringComparison.Ordinal);

        clock.Advance(Interval);
        Assert.Equal(0, await Poller.PollDueAsync(default));
        clock.Advance(Interval);
        Assert.Equal(1, await Poller.PollDueAsync(default));
        Assert.Equal((2, clock.GetUtcNow() + (Interval * 4)), Backoff(await StateAsync()));

        clock.Advance(Interval * 4);
        Assert.Equal(1, await Poller.PollDueAsync(default));
        Assert.Equal((3, clock.GetUtcNow() + TimeSpan.FromMinutes(45)), Backoff(await StateAsync()));
        Assert.Equal(3, server.Requests.Count(r => r.Status == HttpStatusCode.InternalServerError));

        server.FailWith = null;
        server.Add("new-1", UrgentTitle, "Refund now, this is broken");
        clock.Advance(TimeSpan.FromMinutes(45));
        Assert.Equal(1, await Poller.PollDueAsync(default));
        Assert.Equal((0, clock.GetUtcNow() + Interval), Backoff(await StateAsync()));
        Assert.Equal(1, await ProcessQueueAsync());
        await host.Connector.WaitForAsync(r => Has(r, UrgentTitle), Wait);
    }

    [Fact]
    public async Task PollDue_SlowFeed_GivesUpAtTheTimeout_AndBacksOff()
    {
        server.Delay = TimeSpan.FromSeconds(30);

        var answer = await SayAsync($"track feed {server.Url}");

        Assert.Contains("the first look failed: The feed did not answer within 1 second", answer, StringComparison.Ordinal);
        Assert.Equal((1, clock.GetUtcNow() + (Interval * 2)), Backoff(await StateAsync()));
    }

    [Fact]
    public async Task PollDue_TwoPollers_EachFeedLookedAtOncePerSlot()
    {
        for (var i = 1; i <= 3; i++)
        {
            Assert.Contains($"Following feed F{i}", await SayAsync($"track feed {server.UrlFor($"feed-{i}.xml")}"), StringComparison.Ordinal);
        }

        var other = ActivatorUtilities.CreateInstance<FeedPoller>(host.Services);
        for (var round = 1; round <= 3; round++)
        {
            var before = server.Requests.Count;
            clock.Advance(Interval);

            var polled = await Task.WhenAll(Task.Run(() => Poller.PollDueAsync(default)), Task.Run(() => other.PollDueAsync(default)));

            Assert.Equal(3, polled.Sum());
            Assert.Equal(3, server.Requests.Count - before);
            Assert.Equal(3, server.Requests.Skip(before).Select(r => r.Path).Distinct().Count());
        }
    }

    [Fact]
    public async Task PollDue_AfterARestart_TheNextInstancePollsWhatIsDue()
    {
        await SayAsync($"track feed {server.Url}");
        server.Add("new-1", UrgentTitle, "Refund now, this is broken");
        await host.DisposeAsync();

        clock.Advance(Interval);
        host = await StartHostAsync();

        Assert.Equal(1, await Poller.PollDueAsync(default));
        Assert.Equal(HttpStatusCode.OK, server.Requests[^1].Status);
        Assert.Equal(1, await host.Services.GetRequiredService<IStateStore>().StreamLengthAsync(MentionQueue.Stream));
        Assert.Equal(1, (await StateAsync()).ItemsDelivered);
    }

    [Fact]
    public async Task PollDue_FeedOverTwoMegabytes_Refused()
    {
        server.Huge = true;

        Assert.Contains("The feed is larger than 2 MB", await SayAsync($"track feed {server.Url}"), StringComparison.Ordinal);
    }

    private static (int Failures, DateTimeOffset? Next) Backoff(FeedState state) => (state.Failures, state.NextPollAt);

    private static bool Has(RecordedRequest request, string text) =>
        request.Method == "POST" && request.Body?.ToJsonString().Contains(text, StringComparison.Ordinal) == true;

    private Task<BotTestHost> StartHostAsync() => BotTestHost.StartAsync(
        redis.ConnectionString,
        new Dictionary<string, string?>
        {
            ["State:KeyPrefix"] = prefix,
            ["Ingestion:Secret"] = "feed-poller-secret-0123456789",
            ["Ingestion:RunWorker"] = "false",
            ["Mentions:RunFeedPoller"] = "false",
            ["Mentions:AllowPrivateFeedAddresses"] = "true",
            ["Mentions:FeedTimeout"] = "00:00:01",
            ["Mentions:FeedMaxBackoff"] = "00:45:00",
        },
        services => services.AddSingleton<TimeProvider>(clock));

    private async Task<FeedState> StateAsync()
    {
        var feeds = host.Services.GetRequiredService<FeedStore>();
        var feed = (await feeds.ListAsync(BotTestHost.TenantId, TeamsActivities.ChannelConversationId, default)).Single();
        return (await feeds.StateAsync(BotTestHost.TenantId, feed.FeedId, default))!;
    }

    /// <summary>What the ingestion worker would do: every queued mention through the real processor, then acknowledged.</summary>
    private async Task<int> ProcessQueueAsync()
    {
        var store = host.Services.GetRequiredService<IStateStore>();
        var processor = host.Services.GetRequiredService<IMentionProcessor>();
        await store.EnsureConsumerGroupAsync(MentionQueue.Stream, MentionQueue.Group);
        var entries = await store.StreamReadAsync(MentionQueue.Stream, MentionQueue.Group, "feed-tests", 100);
        foreach (var entry in entries)
        {
            await processor.ProcessAsync(JsonSerializer.Deserialize(entry.Payload, IngestionJsonContext.Default.IncomingMention)!, default);
        }

        await store.StreamAcknowledgeAsync(MentionQueue.Stream, MentionQueue.Group, [.. entries.Select(e => e.Id)], deleteEntries: true);
        return entries.Count;
    }

    private async Task<string> SayAsync(string text)
    {
        var before = host.Connector.Requests.Count(r => r.ConversationId == TeamsActivities.ChannelConversationId);
        using (await host.PostActivityAsync(TeamsActivities.ChannelMessage(host, TeamsUser.Approver, text)))
        {
        }

        await host.Connector.WaitForAsync((IReadOnlyList<RecordedRequest> all) => all.Count(r => r.ConversationId == TeamsActivities.ChannelConversationId) > before, Wait);
        return System.Text.RegularExpressions.Regex.Unescape(host.Connector.Requests.Last(r => r.ConversationId == TeamsActivities.ChannelConversationId).Body!.ToJsonString());
    }
}
