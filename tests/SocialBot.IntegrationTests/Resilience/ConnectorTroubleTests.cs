using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using SocialBot.IntegrationTests.Hosting;
using SocialBot.IntegrationTests.State;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Resilience;

/// <summary>
/// The connector misbehaves the ways Teams' service can: 429 with Retry-After, 503, a dropped connection after the
/// message arrived, answers that take longer than Teams waits for the bot. Replies are retried only when that cannot
/// post them twice, and the bot always answers Teams inside its time budget (15 s for a message, 5 s for an invoke).
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class ConnectorTroubleTests(RedisServerFixture redis) : IAsyncLifetime
{
    private static readonly TimeSpan MessageBudget = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan InvokeBudget = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private BotTestHost host = null!;

    private static string Personal => TeamsActivities.PersonalConversationId(TeamsUser.Author);

    public async Task InitializeAsync() => host = await BotTestHost.StartAsync(redis.ConnectionString, new Dictionary<string, string?> { ["State:KeyPrefix"] = redis.NewKeyPrefix() });

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Reply_429WithRetryAfter_RetriedAndDeliveredOnce()
    {
        host.Connector.FailNext(Personal, 1, HttpStatusCode.TooManyRequests, retryAfterSeconds: 1);

        var response = await host.PostActivityAsync(TeamsActivities.PersonalMessage(host, TeamsUser.Author, "help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, Posts().Count);
        Assert.Single(Posts(), r => r.Succeeded);
    }

    [Fact]
    public async Task Reply_503WithoutRetryAfter_NotSentAgain_TurnStillAnswers()
    {
        host.Connector.FailNext(Personal, 1, HttpStatusCode.ServiceUnavailable);

        var response = await host.PostActivityAsync(TeamsActivities.PersonalMessage(host, TeamsUser.Author, "help"));

        // The 503 may have come after Teams posted the message: sending it again could show it twice.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The user is told something went wrong (one short text); the card itself is not sent a second time.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var cards = Posts().Where(r => r.Body?.ToJsonString().Contains("application/vnd.microsoft.card.adaptive", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(503, Assert.Single(cards).Status);
    }

    [Fact]
    public async Task Reply_ConnectionDroppedAfterArrival_NotPostedTwice()
    {
        host.Connector.DropNext(Personal, 1);

        var response = await host.PostActivityAsync(TeamsActivities.PersonalMessage(host, TeamsUser.Author, "help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var help = Posts().Where(r => r.Body?.ToJsonString().Contains("help", StringComparison.OrdinalIgnoreCase) == true).ToList();
        Assert.Single(help);
    }

    [Fact]
    public async Task SlowConnector_MessageTurnAnsweredInsideTeamsBudget_ThenRecovers()
    {
        host.Connector.DelayNext(Personal, 1, TimeSpan.FromSeconds(40));
        var stopwatch = Stopwatch.StartNew();

        var response = await host.PostActivityAsync(TeamsActivities.PersonalMessage(host, TeamsUser.Author, "help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.Zero, MessageBudget);
        var after = Posts().Count;
        Assert.Equal(HttpStatusCode.OK, (await host.PostActivityAsync(TeamsActivities.PersonalMessage(host, TeamsUser.Author, "help"))).StatusCode);
        await host.Connector.WaitForAsync((IReadOnlyList<RecordedRequest> all) => all.Count(r => r.ConversationId == Personal && r.Method == "POST") > after, Wait);
    }

    [Fact]
    public async Task SlowConnector_InvokeAnsweredInsideTeamsBudget()
    {
        host.Connector.DelayNext(Personal, 5, TimeSpan.FromSeconds(40));
        var stopwatch = Stopwatch.StartNew();

        // "Draft a post" sends a new form card to the chat before answering the press.
        var response = await host.PostActivityAsync(TeamsActivities.CardAction(host, TeamsUser.Author, "drafts.new", new JsonObject { ["text"] = "From a trend" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.Zero, InvokeBudget);
        Assert.Contains("taking longer than Teams waits", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private List<RecordedRequest> Posts() => [.. host.Connector.Requests.Where(r => r.ConversationId == Personal && r.Method == "POST")];
}
