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
        await using var host = await BotTestHost.StartAsync(redis.ConnectionString, new Dictionary<string, string?>
        {
            ["State:KeyPrefix"] = redis.NewKeyPrefix(),
            ["Approvals:Approvers"] = TeamsUser.Approver.ObjectId,
        });
        using var submit = await host.PostActivityAsync(TeamsActivities.CardAction(host, TeamsUser.Author, "drafts.submit", new JsonObject { ["text"] = "Launch day #acme", ["networks"] = "x" }));
        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        var draftId = SubmittedId().Match(Regex.Unescape(await submit.Content.ReadAsStringAsync())).Groups[1].Value;
        var drafts = host.Services.GetRequiredService<IDraftStore>();
        var requests = host.Services.GetRequiredService<ApprovalRequestStore>();

        // Exactly what an Approve press commits, and nothing after it: the process "died" before writing the draft.
        var approver = new DraftPerson(TeamsUser.Approver.ObjectId, TeamsUser.Approver.ChannelId, TeamsUser.Approver.Name);
        var stored = (await requests.GetAsync(BotTestHost.TenantId, draftId, CancellationToken.None))!;
        var policy = await host.Services.GetRequiredService<ApprovalPolicyStore>().GetAsync(stored.Value.PolicyScope, CancellationToken.None);
        var decided = ApprovalStateMachine.Apply(stored.Value, policy, approver, ApprovalAction.Approve, null, stored.Value.ContentVersion, DateTimeOffset.UtcNow);
        Assert.Equal(ApprovalState.Approved, decided.Request.State);
        var followUp = host.Services.GetRequiredService<ApprovalFollowUpQueue>().ForFanout(new ApprovalFanoutWork(BotTestHost.TenantId, draftId, ApprovalFanoutKind.Decided, decided.Outcome));
        Assert.True(await requests.TrySaveAsync(decided.Request, stored.Version, [followUp], CancellationToken.None));
        Assert.Equal(DraftStatus.Submitted, (await drafts.GetAsync(BotTestHost.TenantId, draftId, CancellationToken.None))!.Status);

        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            try
            {
                while ((await drafts.GetAsync(BotTestHost.TenantId, draftId, deadline.Token))!.Status != DraftStatus.Approved)
                {
                    await Task.Delay(100, deadline.Token);
                }
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"The approval request of {draftId} is Approved, but the draft stayed {(await drafts.GetAsync(BotTestHost.TenantId, draftId, CancellationToken.None))!.Status}.");
            }
        }

        var history = await drafts.GetHistoryAsync(BotTestHost.TenantId, draftId, CancellationToken.None);
        Assert.Single(history, h => h.Kind == "approved" && h.Actor!.Id == approver.Id);
    }

    [GeneratedRegex(@"(P-\d+) sent for approval")]
    private static partial Regex SubmittedId();
}
