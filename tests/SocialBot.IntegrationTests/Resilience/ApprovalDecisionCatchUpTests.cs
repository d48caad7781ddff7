using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SocialBot.Bot.Features.Approvals;
using SocialBot.Bot.Features.Drafts;
using SocialBot.IntegrationTests.Hosting;
using SocialBot.IntegrationTests.State;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Resilience;

/// <summary>
/// An Approve is two writes: the decision (with its follow-ups, in one transaction) and then the draft's status. When
/// Redis goes away or the process dies between the two, the draft must still end up with the decided status; otherwise
/// the approver's next press shows "Approved" while the draft list and everything reading the draft still say Submitted.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed partial class ApprovalDecisionCatchUpTests(RedisServerFixture redis)
{
    [Fact]
    public async Task DecisionStored_DraftStatusWriteNeverHappened_FollowUpCatchesTheDraftUp()
    {
        await using var host = await StartAsync();
        var draftId = await SubmitAsync(host);
        var policies = host.Services.GetRequiredService<ApprovalPolicyStore>();

        // Exactly what an Approve press commits, and nothing after it: the process "died" before writing the draft.
        await CommitOnlyTheDecisionAsync(host, draftId, async request =>
        {
            var decided = ApprovalStateMachine.Apply(request, await policies.GetAsync(request.PolicyScope, CancellationToken.None), Approver, ApprovalAction.Approve, null, request.ContentVersion, DateTimeOffset.UtcNow);
            Assert.Equal(ApprovalState.Approved, decided.Request.State);
            return (decided.Request, decided.Outcome);
        });

        Assert.Single(await WaitForStatusAsync(host, draftId, DraftStatus.Approved), h => h.Kind == "approved" && h.Actor!.Id == Approver.Id);
    }

    [Fact]
    public async Task FreezeStored_DraftStatusWriteNeverHappened_FollowUpFreezesTheDraftToo()
    {
        await using var host = await StartAsync();
        var draftId = await SubmitAsync(host);
        var approved = await host.Services.GetRequiredService<ApprovalWorkflow>().PressAsync(BotTestHost.TenantId, draftId, Approver, ApprovalAction.Approve, null, null, null, CancellationToken.None);
        Assert.Equal(ApprovalOutcome.Decided, approved.Outcome);

        // What the spike freezer commits for one post.
        await CommitOnlyTheDecisionAsync(host, draftId, request => Task.FromResult((
            request with { State = ApprovalState.Frozen, Decision = new ApprovalDecisionRecord(ApprovalAction.Approve, Approver, DateTimeOffset.UtcNow, "Mention spike") },
            ApprovalOutcome.Recorded)));

        Assert.Single(await WaitForStatusAsync(host, draftId, DraftStatus.Frozen), h => h.Kind == "frozen" && h.Detail == "Mention spike");
    }

    [Fact]
    public async Task ExpiryStored_DraftStatusWriteNeverHappened_FollowUpExpiresTheDraftToo()
    {
        await using var host = await StartAsync();
        var draftId = await SubmitAsync(host);

        // What the reminder scheduler commits when a post is still pending at its publish time.
        var system = new DraftPerson("socialbot", null, "SocialBot");
        await CommitOnlyTheDecisionAsync(host, draftId, request => Task.FromResult((
            request with { State = ApprovalState.Expired, Decision = new ApprovalDecisionRecord(ApprovalAction.Reject, system, DateTimeOffset.UtcNow, "Still pending at its publish time") },
            ApprovalOutcome.Recorded)));

        Assert.Single(await WaitForStatusAsync(host, draftId, DraftStatus.Expired), h => h.Kind == "expired");
    }

    [Fact]
    public async Task Freeze_ThroughTheFreezer_CardUpdateAndDraftStatusFollow()
    {
        await using var host = await StartAsync();
        using (await host.PostActivityAsync(TeamsActivities.ChannelMessage(host, TeamsUser.Approver, "approvals here")))
        {
        }

        var draftId = await SubmitAsync(host);
        await host.Connector.WaitForAsync(r => r.Method == "POST" && r.Body?.ToJsonString().Contains(draftId, StringComparison.Ordinal) == true && r.ConversationId == TeamsActivities.ChannelConversationId, TimeSpan.FromSeconds(30));
        await host.Services.GetRequiredService<ApprovalWorkflow>().PressAsync(BotTestHost.TenantId, draftId, Approver, ApprovalAction.Approve, null, null, null, CancellationToken.None);

        Assert.Equal(1, await host.Services.GetRequiredService<IScheduledPostFreezer>().FreezeAsync(BotTestHost.TenantId, Approver, "Mention spike", CancellationToken.None));

        await WaitForStatusAsync(host, draftId, DraftStatus.Frozen);
        var update = await host.Connector.WaitForAsync(r => r.Method == "PUT" && r.Body?.ToJsonString().Contains("Frozen", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(30));
        Assert.Contains(draftId, update.Body!.ToJsonString(), StringComparison.Ordinal);
    }

    private Task<BotTestHost> StartAsync() => BotTestHost.StartAsync(redis.ConnectionString, new Dictionary<string, string?>
    {
        ["State:KeyPrefix"] = redis.NewKeyPrefix(),
        ["Approvals:Approvers"] = TeamsUser.Approver.ObjectId,
    });

    private static DraftPerson Approver => new(TeamsUser.Approver.ObjectId, TeamsUser.Approver.ChannelId, TeamsUser.Approver.Name);

    private static async Task<string> SubmitAsync(BotTestHost host)
    {
        using var submit = await host.PostActivityAsync(TeamsActivities.CardAction(host, TeamsUser.Author, "drafts.submit", new JsonObject { ["text"] = "Launch day #acme", ["networks"] = "x" }));
        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        return SubmittedId().Match(Regex.Unescape(await submit.Content.ReadAsStringAsync())).Groups[1].Value;
    }

    /// <summary>Stores a new request state with its follow-up, as the decision's transaction does, and leaves the draft alone.</summary>
    private static async Task CommitOnlyTheDecisionAsync(BotTestHost host, string draftId, Func<ApprovalRequest, Task<(ApprovalRequest Next, ApprovalOutcome Outcome)>> decide)
    {
        var requests = host.Services.GetRequiredService<ApprovalRequestStore>();
        var drafts = host.Services.GetRequiredService<IDraftStore>();
        var stored = (await requests.GetAsync(BotTestHost.TenantId, draftId, CancellationToken.None))!;
        var statusBefore = (await drafts.GetAsync(BotTestHost.TenantId, draftId, CancellationToken.None))!.Status;
        var (next, outcome) = await decide(stored.Value);
        var followUp = host.Services.GetRequiredService<ApprovalFollowUpQueue>().ForFanout(new ApprovalFanoutWork(BotTestHost.TenantId, draftId, ApprovalFanoutKind.Decided, outcome));

        Assert.True(await requests.TrySaveAsync(next, stored.Version, [followUp], CancellationToken.None));
        Assert.NotEqual(ApprovalStateMachine.ToDraftStatus(next.State), statusBefore);
    }

    /// <summary>Waits for the draft to reach <paramref name="status"/>; returns its history.</summary>
    private static async Task<IReadOnlyList<DraftHistoryEntry>> WaitForStatusAsync(BotTestHost host, string draftId, DraftStatus status)
    {
        var drafts = host.Services.GetRequiredService<IDraftStore>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            while ((await drafts.GetAsync(BotTestHost.TenantId, draftId, deadline.Token))!.Status != status)
            {
                await Task.Delay(100, deadline.Token);
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{draftId} never became {status}; it is {(await drafts.GetAsync(BotTestHost.TenantId, draftId, CancellationToken.None))!.Status}.");
        }

        return await drafts.GetHistoryAsync(BotTestHost.TenantId, draftId, CancellationToken.None);
    }

    [GeneratedRegex(@"(P-\d+) sent for approval")]
    private static partial Regex SubmittedId();
}
