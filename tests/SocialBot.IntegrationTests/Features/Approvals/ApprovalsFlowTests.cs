using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SocialBot.Bot.Features.Drafts;
using SocialBot.Bot.Features.Drafts.Rules;
using SocialBot.IntegrationTests.Hosting;
using SocialBot.IntegrationTests.State;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Features.Approvals;

/// <summary>The approval loop over HTTP with real Redis: cards posted and updated through the recording connector.</summary>
[Collection(RedisCollection.Name)]
public sealed class ApprovalsFlowTests(RedisServerFixture redis)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private static readonly TeamsUser Author = TeamsUser.Author;
    private static readonly TeamsUser Approver = TeamsUser.Approver;
    private static readonly TeamsUser Second = TeamsUser.SecondApprover;
    private static readonly TeamsUser Bystander = TeamsUser.Bystander;

    private Task<BotTestHost> StartAsync(string mode = "any", params TeamsUser[] approvers) =>
        BotTestHost.StartAsync(redis.ConnectionString, new Dictionary<string, string?>
        {
            ["State:KeyPrefix"] = redis.NewKeyPrefix(),
            ["Approvals:Approvers"] = string.Join(",", (approvers.Length == 0 ? [Approver] : approvers).Select(a => a.ObjectId)),
            ["Approvals:Mode"] = mode,
        });

    private static async Task<Draft> SubmitAsync(BotTestHost host, string text = "Our new app is live! 🚀 #launch")
    {
        var drafts = host.Services.GetRequiredService<IDraftStore>();
        var author = new DraftPerson(Author.ObjectId, Author.ChannelId, Author.Name);
        var draft = await drafts.CreateAsync(
            BotTestHost.TenantId,
            author,
            new DraftContent { Text = text, Networks = [SocialNetwork.X, SocialNetwork.LinkedIn] },
            new DraftOrigin(),
            CancellationToken.None);
        var submitted = await drafts.TryTransitionAsync(BotTestHost.TenantId, draft.Id, new HashSet<DraftStatus> { DraftStatus.Draft }, DraftStatus.Submitted, new DraftHistoryEntry(DateTimeOffset.UtcNow, "submitted", author, draft.ContentVersion), CancellationToken.None);
        foreach (var listener in host.Services.GetServices<IDraftSubmissionListener>())
        {
            await listener.OnSubmittedAsync(submitted.Draft!, author, CancellationToken.None);
        }

        return submitted.Draft!;
    }

    private static async Task ApprovalsHereAsync(BotTestHost host)
    {
        using var response = await host.PostActivityAsync(TeamsActivities.ChannelMessage(host, Approver, "approvals here"));
        await host.Connector.WaitForAsync(r => r.Text?.Contains("Approval requests will be posted here", StringComparison.Ordinal) == true, Wait);
    }

    private static async Task<JsonNode> PressAsync(BotTestHost host, TeamsUser user, string verb, Draft draft, string? id = null, params (string Key, string Value)[] inputs)
    {
        var data = new JsonObject { ["draftId"] = draft.Id, ["version"] = draft.ContentVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var (key, value) in inputs)
        {
            data[key] = value;
        }

        using var response = await host.PostActivityAsync(TeamsActivities.CardAction(host, user, verb, data, inChannel: true, id: id));
        Assert.Equal(200, (int)response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static string Describe(JsonNode invokeBody) => invokeBody.ToJsonString();

    private static async Task<DraftStatus> StatusAsync(BotTestHost host, Draft draft) =>
        (await host.Services.GetRequiredService<IDraftStore>().GetAsync(BotTestHost.TenantId, draft.Id, CancellationToken.None))!.Status;

    [Fact]
    public async Task Submit_ApprovedByApprover_CardPostedUpdatedAndAuthorTold()
    {
        await using var host = await StartAsync();
        await ApprovalsHereAsync(host);

        var draft = await SubmitAsync(host);

        var posted = await host.Connector.WaitForAsync(
            r => r.Method == "POST" && r.ConversationId == TeamsActivities.ChannelConversationId && r.Body?.ToJsonString().Contains("approvals.refresh", StringComparison.Ordinal) == true,
            Wait);
        Assert.Contains("Our new app is live!", posted.Body!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(Approver.ChannelId, posted.Body!.ToJsonString(), StringComparison.Ordinal);

        var answer = await PressAsync(host, Approver, "approvals.approve", draft);

        Assert.Contains("Approved by Adele Vance", Describe(answer), StringComparison.Ordinal);
        Assert.Equal(DraftStatus.Approved, await StatusAsync(host, draft));
        await host.Connector.WaitForAsync(
            r => r.Method == "PUT" && r.ConversationId == TeamsActivities.ChannelConversationId && r.Body?.ToJsonString().Contains("Approved by Adele Vance", StringComparison.Ordinal) == true,
            Wait);
        await host.Connector.WaitForAsync(r => r.Method == "POST" && r.Body?.ToJsonString().Contains($"{draft.Id} was approved", StringComparison.Ordinal) == true, Wait);
        var history = await host.Services.GetRequiredService<IDraftStore>().GetHistoryAsync(BotTestHost.TenantId, draft.Id, CancellationToken.None);
        Assert.Single(history, h => h.Kind == "approved" && h.Actor!.Id == Approver.ObjectId);
    }

    [Fact]
    public async Task Submit_NoApprovalChannel_CardToEachApproverInNewOneOnOneChat()
    {
        await using var host = await StartAsync();
        using (await host.PostActivityAsync(TeamsActivities.ChannelMessage(host, Approver, "approvers")))
        {
        }

        await host.Connector.WaitForAsync(r => r.Text?.Contains("Adele Vance", StringComparison.Ordinal) == true, Wait);

        await SubmitAsync(host);

        var create = await host.Connector.WaitForAsync(r => r.Method == "POST" && r.ConversationId is null && r.Body?.ToJsonString().Contains(Approver.ChannelId, StringComparison.Ordinal) == true, Wait);
        Assert.NotNull(create);
        await host.Connector.WaitForAsync(
            r => r.Method == "POST" && r.ConversationId?.StartsWith("a:created-", StringComparison.Ordinal) == true && r.Body?.ToJsonString().Contains("approvals.refresh", StringComparison.Ordinal) == true,
            Wait);
    }

    [Fact]
    public async Task Submit_AfterChangesRequested_SameCardUpdatedWithWhatChanged()
    {
        await using var host = await StartAsync();
        await ApprovalsHereAsync(host);
        var draft = await SubmitAsync(host, "Our app is live");
        await host.Connector.WaitForAsync(r => r.Method == "POST" && r.ConversationId == TeamsActivities.ChannelConversationId && r.Body?.ToJsonString().Contains("approvals.refresh", StringComparison.Ordinal) == true, Wait);
        await PressAsync(host, Approver, "approvals.requestChanges", draft, null, ("comment", "Say new"));
        var drafts = host.Services.GetRequiredService<IDraftStore>();
        var author = new DraftPerson(Author.ObjectId, Author.ChannelId, Author.Name);
        var edited = await drafts.UpdateContentAsync(BotTestHost.TenantId, draft.Id, author, draft.Content with { Text = "Our new app is live" }, draft.ContentVersion, new HashSet<DraftStatus> { DraftStatus.ChangesRequested }, CancellationToken.None);
        var resubmitted = await drafts.TryTransitionAsync(BotTestHost.TenantId, draft.Id, new HashSet<DraftStatus> { DraftStatus.ChangesRequested }, DraftStatus.Submitted, new DraftHistoryEntry(DateTimeOffset.UtcNow, "submitted", author, edited.Draft!.ContentVersion), CancellationToken.None);
        await host.Services.GetRequiredService<IDraftSubmissionListener>().OnSubmittedAsync(resubmitted.Draft!, author, CancellationToken.None);

        var update = await host.Connector.WaitForAsync(
            r => r.Method == "PUT" && r.ConversationId == TeamsActivities.ChannelConversationId && r.Body?.ToJsonString().Contains("What changed since the last version", StringComparison.Ordinal) == true,
            Wait);
        Assert.Contains("new ", update.Body!.ToJsonString(), StringComparison.Ordinal);
        Assert.Single(host.Connector.Requests, r => r.Method == "POST" && r.ConversationId == TeamsActivities.ChannelConversationId && r.Body?.ToJsonString().Contains("approvals.refresh", StringComparison.Ordinal) == true);
        var answer = await PressAsync(host, Approver, "approvals.approve", resubmitted.Draft!);
        Assert.Contains("Approved by Adele Vance", Describe(answer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Press_NonApprover_RefusedAndNothingChanges()
    {
        await using var host = await StartAsync();
        await ApprovalsHereAsync(host);
        var draft = await SubmitAsync(host);

        var answer = await PressAsync(host, Bystander, "approvals.approve", draft);

        Assert.Contains("Only approvers can decide", Describe(answer), StringComparison.Ordinal);
        Assert.Equal(DraftStatus.Submitted, await StatusAsync(host, draft));
    }

    [Fact]
    public async Task Press_AuthorApprovesOwnPost_Refused()
    {
        await using var host = await StartAsync("any", Approver, Author);
        var draft = await SubmitAsync(host);

        var answer = await PressAsync(host, Author, "approvals.approve", draft);

        Assert.Contains("on your own post", Describe(answer), StringComparison.Ordinal);
        Assert.Equal(DraftStatus.Submitted, await StatusAsync(host, draft));
    }

    [Fact]
    public async Task Press_RejectWithoutReason_RefusedThenWithReasonRejects()
    {
        await using var host = await StartAsync();
        var draft = await SubmitAsync(host);

        var refused = await PressAsync(host, Approver, "approvals.reject", draft);
        Assert.Contains("give a reason", Describe(refused), StringComparison.Ordinal);
        Assert.Equal(DraftStatus.Submitted, await StatusAsync(host, draft));

        var rejected = await PressAsync(host, Approver, "approvals.reject", draft, null, ("reason", "Off brand"));
        Assert.Contains("Rejected by Adele Vance", Describe(rejected), StringComparison.Ordinal);
        Assert.Equal(DraftStatus.Rejected, await StatusAsync(host, draft));
    }

    [Fact]
    public async Task Press_RequestChanges_AuthorGetsEditAndResubmit()
    {
        await using var host = await StartAsync();
        await ApprovalsHereAsync(host);
        var draft = await SubmitAsync(host);

        await PressAsync(host, Approver, "approvals.requestChanges", draft, null, ("comment", "Shorter please"));

        Assert.Equal(DraftStatus.ChangesRequested, await StatusAsync(host, draft));
        var notice = await host.Connector.WaitForAsync(r => r.Method == "POST" && r.Body?.ToJsonString().Contains("resubmit", StringComparison.Ordinal) == true, Wait);
        Assert.Contains("drafts.edit", notice.Body!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Shorter please", notice.Body!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Press_DuplicateInvoke_OneEffect()
    {
        await using var host = await StartAsync("all", Approver, Second);
        var draft = await SubmitAsync(host);
        var id = Guid.NewGuid().ToString("N");

        await PressAsync(host, Approver, "approvals.approve", draft, id);
        await PressAsync(host, Approver, "approvals.approve", draft, id);
        await PressAsync(host, Approver, "approvals.approve", draft);

        var history = await host.Services.GetRequiredService<IDraftStore>().GetHistoryAsync(BotTestHost.TenantId, draft.Id, CancellationToken.None);
        Assert.Single(history, h => h.Kind == "approval-recorded");
        Assert.Equal(DraftStatus.Submitted, await StatusAsync(host, draft));

        var answer = await PressAsync(host, Second, "approvals.approve", draft);
        Assert.Contains("Approved by Lee Gu", Describe(answer), StringComparison.Ordinal);
        Assert.Equal(DraftStatus.Approved, await StatusAsync(host, draft));
    }

    [Fact]
    public async Task Press_TwoApproversRacing_ExactlyOneDecisionEachTime()
    {
        await using var host = await StartAsync("any", Approver, Second);
        for (var round = 0; round < 200; round++)
        {
            var draft = await SubmitAsync(host, $"Race {round}");

            await Task.WhenAll(
                PressAsync(host, Approver, "approvals.approve", draft),
                PressAsync(host, Second, "approvals.reject", draft, null, ("reason", "No")));

            var history = await host.Services.GetRequiredService<IDraftStore>().GetHistoryAsync(BotTestHost.TenantId, draft.Id, CancellationToken.None);
            var decisions = history.Where(h => h.Kind is "approved" or "rejected").ToList();
            Assert.Single(decisions);
            Assert.Equal(decisions[0].Kind == "approved" ? DraftStatus.Approved : DraftStatus.Rejected, await StatusAsync(host, draft));
        }
    }

    [Fact]
    public async Task Press_StaleVersion_GetsCurrentStateWithoutChange()
    {
        await using var host = await StartAsync();
        var draft = await SubmitAsync(host);

        var answer = await PressAsync(host, Approver, "approvals.approve", draft with { ContentVersion = draft.ContentVersion + 5 });

        Assert.Contains("out of date", Describe(answer), StringComparison.Ordinal);
        Assert.Equal(DraftStatus.Submitted, await StatusAsync(host, draft));
    }

    [Fact]
    public async Task Refresh_ApproverAuthorAndOther_GetTheirOwnButtons()
    {
        await using var host = await StartAsync();
        var draft = await SubmitAsync(host);

        var approver = Describe(await PressAsync(host, Approver, "approvals.refresh", draft));
        var author = Describe(await PressAsync(host, Author, "approvals.refresh", draft));
        var other = Describe(await PressAsync(host, Bystander, "approvals.refresh", draft));

        Assert.Contains("approvals.approve", approver, StringComparison.Ordinal);
        Assert.DoesNotContain("approvals.withdraw", approver, StringComparison.Ordinal);
        Assert.Contains("approvals.withdraw", author, StringComparison.Ordinal);
        Assert.DoesNotContain("approvals.approve", author, StringComparison.Ordinal);
        Assert.DoesNotContain("approvals.approve", other, StringComparison.Ordinal);
        Assert.DoesNotContain("approvals.withdraw", other, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approvers_AddByMentionAsApprover_ThenListed_BystanderRefused()
    {
        await using var host = await StartAsync();

        var add = TeamsActivities.ChannelMessage(host, Approver, "approvers add <at>Lee Gu</at>");
        add["entities"]!.AsArray().Add(new JsonObject { ["type"] = "mention", ["text"] = "<at>Lee Gu</at>", ["mentioned"] = new JsonObject { ["id"] = Second.ChannelId, ["name"] = Second.Name } });
        using (await host.PostActivityAsync(add))
        {
        }

        await host.Connector.WaitForAsync(r => r.Text?.Contains("Added Lee Gu", StringComparison.Ordinal) == true, Wait);

        using (await host.PostActivityAsync(TeamsActivities.ChannelMessage(host, Bystander, "approvers remove <at>Lee Gu</at>")))
        {
        }

        await host.Connector.WaitForAsync(r => r.Text?.Contains("Only admins and approvers can change who approves", StringComparison.Ordinal) == true, Wait);

        var draft = await SubmitAsync(host);
        var answer = await PressAsync(host, Second, "approvals.approve", draft);
        Assert.Contains("Approved by Lee Gu", Describe(answer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pending_ApproverSeesWaitingItems_AuthorSeesOwn()
    {
        await using var host = await StartAsync();
        var draft = await SubmitAsync(host);

        using (await host.PostActivityAsync(TeamsActivities.PersonalMessage(host, Approver, "pending")))
        {
        }

        var listed = await host.Connector.WaitForAsync(r => r.Text?.Contains("1 post waiting for your decision", StringComparison.Ordinal) == true && r.Text.Contains(draft.Id, StringComparison.Ordinal), Wait);
        Assert.Contains("Our new app is live!", listed.Text, StringComparison.Ordinal);

        using (await host.PostActivityAsync(TeamsActivities.PersonalMessage(host, Author, "pending")))
        {
        }

        await host.Connector.WaitForAsync(r => r.Text?.Contains("1 post of yours waiting", StringComparison.Ordinal) == true, Wait);
    }
}
