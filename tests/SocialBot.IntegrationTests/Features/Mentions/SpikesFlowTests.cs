using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SocialBot.Bot.Features.Approvals;
using SocialBot.Bot.Features.Drafts;
using SocialBot.Bot.Features.Drafts.Rules;
using SocialBot.Bot.Features.Mentions;
using SocialBot.Bot.Features.Mentions.Spikes;
using SocialBot.IntegrationTests.Hosting;
using SocialBot.IntegrationTests.State;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Features.Mentions;

/// <summary>
/// A rule with a week of steady volume, then a burst through the signed webhook: one spike card in the rule's channel
/// (and still one when the burst goes on, or when two hosts share the work), then Freeze and Unfreeze from the card.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class SpikesFlowTests(RedisServerFixture redis)
{
    private const string Secret = "spikes-flow-secret-0123456789";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private static readonly DraftPerson Author = new(TeamsUser.Author.ObjectId, TeamsUser.Author.ChannelId, TeamsUser.Author.Name);

    [Fact]
    public async Task Burst_OneSpikeCard_FreezeByAnApprover_StrangerRefused_Unfreeze()
    {
        var prefix = redis.NewKeyPrefix();
        await using var host = await StartAsync(prefix);
        var ruleId = await TrackWithSteadyWeekAsync(host, "acme");
        var scheduled = await ApprovedPostAsync(host);

        await PostBurstAsync(host, "a", 25);
        var spike = await host.Connector.WaitForAsync(r => IsSpikeCard(r), Wait);
        await PostBurstAsync(host, "b", 25);
        await WaitUntilProcessedAsync(host, 50);

        var card = spike.Body!.ToJsonString();
        Assert.Single(host.Connector.Requests, IsSpikeCard);
        // Mentions are processed several at a time, so the hour may hold a few more than the 10th by the time the card is built.
        Assert.Matches(@"1\d mentions in the last hour, \d(\.\d)?× the usual", System.Text.RegularExpressions.Regex.Unescape(card));
        Assert.Contains("acmedown", card, StringComparison.Ordinal);
        Assert.Contains("outage", card, StringComparison.Ordinal);
        Assert.Contains("Freeze scheduled posts", card, StringComparison.Ordinal);

        var data = new JsonObject { ["rule"] = ruleId };
        var refused = await host.PostActivityAsync(TeamsActivities.CardAction(host, TeamsUser.Bystander, "mentions.spike.freeze", (JsonObject)data.DeepClone(), inChannel: true));
        Assert.Contains("Only the social team", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(DraftStatus.Scheduled, await StatusAsync(host, scheduled));

        var frozen = await host.PostActivityAsync(TeamsActivities.CardAction(host, TeamsUser.Approver, "mentions.spike.freeze", (JsonObject)data.DeepClone(), inChannel: true, replyToId: "spike-card-1"));
        var frozenCard = await frozen.Content.ReadAsStringAsync();
        Assert.Contains("Frozen 1 scheduled post", frozenCard, StringComparison.Ordinal);
        Assert.Contains("Unfreeze", frozenCard, StringComparison.Ordinal);
        Assert.Equal(DraftStatus.Frozen, await StatusAsync(host, scheduled));
        Assert.Contains(host.Connector.Requests, r => r.Method == "PUT" && r.ActivityId == "spike-card-1");

        var released = await host.PostActivityAsync(TeamsActivities.CardAction(host, TeamsUser.Approver, "mentions.spike.unfreeze", (JsonObject)data.DeepClone(), inChannel: true, replyToId: "spike-card-1"));
        Assert.Contains("Freeze scheduled posts", await released.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(DraftStatus.Scheduled, await StatusAsync(host, scheduled));
    }

    [Fact]
    public async Task Burst_TwoHostsSharingRedis_OneSpikeCard()
    {
        var prefix = redis.NewKeyPrefix();
        await using var first = await StartAsync(prefix);
        await using var second = await StartAsync(prefix);
        await TrackWithSteadyWeekAsync(first, "acme");

        await Task.WhenAll(PostBurstAsync(first, "a", 20), PostBurstAsync(second, "b", 20));
        await WaitUntilProcessedAsync(first, 40);
        await await Task.WhenAny(first.Connector.WaitForAsync(IsSpikeCard, Wait), second.Connector.WaitForAsync(IsSpikeCard, Wait));
        await Task.Delay(500);

        Assert.Equal(1, first.Connector.Requests.Count(IsSpikeCard) + second.Connector.Requests.Count(IsSpikeCard));
    }

    private static bool IsSpikeCard(RecordedRequest request) =>
        request.Method == "POST" && request.Body?.ToJsonString().Contains("Mention spike", StringComparison.Ordinal) == true;

    private Task<BotTestHost> StartAsync(string prefix) => BotTestHost.StartAsync(redis.ConnectionString, new Dictionary<string, string?>
    {
        ["State:KeyPrefix"] = prefix,
        ["Ingestion:Secret"] = Secret,
        ["Ingestion:PollInterval"] = "00:00:00.100",
        ["Approvals:Approvers"] = TeamsUser.Approver.ObjectId,
    });

    /// <summary>Tracks the query in the channel and gives the rule a week of 3 to 5 matches an hour.</summary>
    private static async Task<string> TrackWithSteadyWeekAsync(BotTestHost host, string query)
    {
        await host.PostActivityAsync(TeamsActivities.ChannelMessage(host, TeamsUser.Approver, "track " + query));
        await host.Connector.WaitForAsync(r => r.Body?.ToJsonString().Contains("Tracking rule", StringComparison.Ordinal) == true, Wait);
        var rule = (await host.Services.GetRequiredService<MentionRuleStore>().ListAsync(BotTestHost.TenantId, TeamsActivities.ChannelConversationId, CancellationToken.None)).Single();
        var volume = host.Services.GetRequiredService<RuleVolume>();
        var hour = RuleVolume.Hour(DateTimeOffset.UtcNow);
        for (var h = 1; h <= 7 * 24; h++)
        {
            for (var i = 0; i < 3 + (h % 3); i++)
            {
                await volume.CountAsync(BotTestHost.TenantId, rule.RuleId, hour.AddHours(-h), CancellationToken.None);
            }
        }

        return rule.RuleId;
    }

    private static async Task PostBurstAsync(BotTestHost host, string batch, int count)
    {
        var mentions = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            mentions.Add(new JsonObject
            {
                ["id"] = $"spike-{batch}-{i}",
                ["source"] = "x",
                ["url"] = $"https://x.example/status/{batch}{i}",
                ["author"] = new JsonObject { ["handle"] = $"@user{batch}{i}", ["followers"] = 100 + i },
                ["text"] = $"acme outage again? #acmedown ({batch}{i})",
                ["createdAt"] = DateTimeOffset.UtcNow.ToString("O"),
                ["tenantId"] = BotTestHost.TenantId,
            });
        }

        var response = await MentionWebhook.PostSignedAsync(host.Client, Secret, mentions);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
    }

    private static async Task WaitUntilProcessedAsync(BotTestHost host, int count)
    {
        var store = host.Services.GetRequiredService<MentionStore>();
        using var deadline = new CancellationTokenSource(Wait);
        while ((await store.BetweenAsync(BotTestHost.TenantId, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1), deadline.Token)).Count < count)
        {
            await Task.Delay(100, deadline.Token);
        }
    }

    private static async Task<string> ApprovedPostAsync(BotTestHost host)
    {
        var drafts = host.Services.GetRequiredService<IDraftStore>();
        var draft = await drafts.CreateAsync(BotTestHost.TenantId, Author, new DraftContent { Text = "Big launch tomorrow", Networks = [SocialNetwork.X], PublishAt = DateTimeOffset.UtcNow.AddDays(1) }, new DraftOrigin(), CancellationToken.None);
        draft = (await drafts.TryTransitionAsync(BotTestHost.TenantId, draft.Id, new HashSet<DraftStatus> { DraftStatus.Draft }, DraftStatus.Submitted, new DraftHistoryEntry(DateTimeOffset.UtcNow, "submitted", Author, 1), CancellationToken.None)).Draft!;
        await host.Services.GetRequiredService<IDraftSubmissionListener>().OnSubmittedAsync(draft, Author, CancellationToken.None);
        var approver = new DraftPerson(TeamsUser.Approver.ObjectId, TeamsUser.Approver.ChannelId, TeamsUser.Approver.Name);
        await host.Services.GetRequiredService<ApprovalWorkflow>().PressAsync(BotTestHost.TenantId, draft.Id, approver, ApprovalAction.Approve, null, draft.ContentVersion, null, CancellationToken.None);
        return draft.Id;
    }

    private static async Task<DraftStatus> StatusAsync(BotTestHost host, string draftId) =>
        (await host.Services.GetRequiredService<IDraftStore>().GetAsync(BotTestHost.TenantId, draftId, CancellationToken.None))!.Status;
}
