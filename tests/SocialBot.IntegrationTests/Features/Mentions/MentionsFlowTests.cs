using System.Net;
using System.Text.Json.Nodes;
using SocialBot.IntegrationTests.Hosting;
using SocialBot.IntegrationTests.State;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Features.Mentions;

/// <summary>
/// Rules typed in a channel, mentions posted to the signed webhook, alerts at the recording connector: the real host,
/// the real ingestion queue and worker, and a real Redis.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class MentionsFlowTests(RedisServerFixture redis) : IAsyncLifetime
{
    private const string Secret = "mentions-flow-secret-0123456789";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private BotTestHost host = null!;

    public async Task InitializeAsync() => host = await BotTestHost.StartAsync(redis.ConnectionString, new Dictionary<string, string?>
    {
        ["State:KeyPrefix"] = redis.NewKeyPrefix(),
        ["Ingestion:Secret"] = Secret,
        ["Ingestion:PollInterval"] = "00:00:00.100",
    });

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Track_ThenUrgentNegativeMention_OneAlertInTheChannelEvenWhenPostedTwice()
    {
        Assert.Contains("Tracking rule 1", await SayInChannelAsync("track acme"), StringComparison.Ordinal);

        var mention = Mention("x-1", "@acme I want a refund, this is terrible", followers: 15_300);
        Assert.Equal(HttpStatusCode.Accepted, (await MentionWebhook.PostSignedAsync(host.Client, Secret, mention)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await MentionWebhook.PostSignedAsync(host.Client, Secret, mention)).StatusCode);

        var alert = await host.Connector.WaitForAsync(r => r.ConversationId == TeamsActivities.ChannelConversationId && (r.Body?.ToJsonString().Contains("mentions.handle", StringComparison.Ordinal) ?? false), Wait);
        var card = alert.Body!.ToJsonString();
        Assert.Contains("High-priority mention", card, StringComparison.Ordinal);
        Assert.Contains("15.3K followers", card, StringComparison.Ordinal);
        Assert.Contains("urgent: refund", card, StringComparison.Ordinal);
        await Task.Delay(1_000);
        Assert.Single(host.Connector.Requests, r => r.ConversationId == TeamsActivities.ChannelConversationId && (r.Body?.ToJsonString().Contains("mentions.handle", StringComparison.Ordinal) ?? false));
    }

    [Fact]
    public async Task MarkHandled_UpdatesTheCardAndTheUnhandledList()
    {
        await SayInChannelAsync("track acme");
        await MentionWebhook.PostSignedAsync(host.Client, Secret, Mention("x-2", "acme outage again, awful", followers: 200_000));
        var alert = await host.Connector.WaitForAsync(r => r.ConversationId == TeamsActivities.ChannelConversationId && (r.Body?.ToJsonString().Contains("mentions.handle", StringComparison.Ordinal) ?? false), Wait);
        var data = JsonNode.Parse(alert.Body!.ToJsonString())!["attachments"]![0]!["content"]!["actions"]!.AsArray()
            .First(a => a!["verb"]?.GetValue<string>() == "mentions.handle")!["data"]!.AsObject();

        var response = await host.PostActivityAsync(TeamsActivities.CardAction(host, TeamsUser.Approver, "mentions.handle", (JsonObject)data.DeepClone(), inChannel: true));

        var updated = await response.Content.ReadAsStringAsync();
        Assert.Contains("Handled by Adele Vance", updated, StringComparison.Ordinal);
        Assert.Contains("\"title\":\"Rule\",\"value\":\"acme\"", updated, StringComparison.Ordinal);
        Assert.Contains("No unhandled mentions", await SayInChannelAsync("mentions"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MentionsInAPersonalChat_ListsTheTeamsUnhandledOnesFromEveryChat()
    {
        await SayInChannelAsync("track globex");
        await MentionWebhook.PostSignedAsync(host.Client, Secret, Mention("x-3", "globex checkout broken, refund please", followers: 50_000));
        await host.Connector.WaitForAsync(r => r.ConversationId == TeamsActivities.ChannelConversationId && (r.Body?.ToJsonString().Contains("globex checkout", StringComparison.Ordinal) ?? false), Wait);

        var personal = TeamsActivities.PersonalConversationId(TeamsUser.Approver);
        var before = host.Connector.Requests.Count(r => r.ConversationId == personal);
        await host.PostActivityAsync(TeamsActivities.PersonalMessage(host, TeamsUser.Approver, "mentions"));
        await host.Connector.WaitForAsync(all => all.Count(r => r.ConversationId == personal) > before, Wait);
        var reply = System.Text.RegularExpressions.Regex.Unescape(host.Connector.Requests.Last(r => r.ConversationId == personal).Body!.ToJsonString());

        Assert.Contains("across all tracked chats", reply, StringComparison.Ordinal);
        Assert.Contains("globex checkout broken", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommandsAndStaleButtons_AnswerClearly()
    {
        Assert.Contains("missing closing quote", (await SayInChannelAsync("track \"acme cloud")).ToLowerInvariant(), StringComparison.Ordinal);
        await SayInChannelAsync("track #launchday priority:high");
        Assert.Contains("1. #launchday", await SayInChannelAsync("tracking"), StringComparison.Ordinal);
        Assert.Contains("no rule 7", await SayInChannelAsync("untrack 7"), StringComparison.Ordinal);
        Assert.Contains("Stopped rule 1", await SayInChannelAsync("untrack 1"), StringComparison.Ordinal);

        var stale = await host.PostActivityAsync(TeamsActivities.CardAction(host, TeamsUser.Approver, "mentions.handle", new JsonObject { ["mention"] = "deadbeef" }, inChannel: true));
        Assert.Contains("no longer kept", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<string> SayInChannelAsync(string text)
    {
        var before = host.Connector.Requests.Count(r => r.ConversationId == TeamsActivities.ChannelConversationId);
        Assert.Equal(HttpStatusCode.OK, (await host.PostActivityAsync(TeamsActivities.ChannelMessage(host, TeamsUser.Approver, text))).StatusCode);
        await host.Connector.WaitForAsync(all => all.Count(r => r.ConversationId == TeamsActivities.ChannelConversationId) > before, Wait);
        return System.Text.RegularExpressions.Regex.Unescape(host.Connector.Requests.Last(r => r.ConversationId == TeamsActivities.ChannelConversationId).Body!.ToJsonString());
    }

    private static JsonObject Mention(string id, string text, long followers) => new()
    {
        ["id"] = id,
        ["source"] = "x",
        ["url"] = "https://x.example/status/" + id,
        ["author"] = new JsonObject { ["handle"] = "@fan", ["name"] = "A Fan", ["followers"] = followers },
        ["text"] = text,
        ["createdAt"] = DateTimeOffset.UtcNow.ToString("O"),
        ["lang"] = "en",
        ["tenantId"] = BotTestHost.TenantId,
    };
}
