using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SocialBot.Bot.Features.Approvals;
using SocialBot.Bot.Features.Drafts;
using SocialBot.Bot.Features.Drafts.Rules;
using SocialBot.IntegrationTests.Hosting;
using SocialBot.IntegrationTests.State;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Features.Approvals;

/// <summary>
/// The <c>settings</c> card over HTTP with real Redis: an approver and a bystander in the same channel, compare-and-set
/// against a stale card, field errors, the audit log, and two teams of one tenant with different approvers.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class ApprovalSettingsTests(RedisServerFixture redis)
{
    private const string OtherTeamId = "19:b2c3d4e5f60718293a4b5c6d7e8f9012@thread.tacv2";
    private const string OtherChannelId = "19:77aa88bb99cc00dd11ee22ff33aa44bb@thread.tacv2";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private static readonly TeamsUser Approver = TeamsUser.Approver;
    private static readonly TeamsUser Second = TeamsUser.SecondApprover;
    private static readonly TeamsUser Bystander = TeamsUser.Bystander;

    private Task<BotTestHost> StartAsync() =>
        BotTestHost.StartAsync(redis.ConnectionString, new Dictionary<string, string?>
        {
            ["State:KeyPrefix"] = redis.NewKeyPrefix(),
            ["Approvals:Approvers"] = Approver.ObjectId,
        });

    /// <summary>Types <c>settings</c> in the channel and returns the card the bot posted.</summary>
    private static async Task<JsonNode> SettingsCardAsync(BotTestHost host, TeamsUser user)
    {
        var before = host.Connector.Requests.Count;
        using (await host.PostActivityAsync(TeamsActivities.ChannelMessage(host, user, "settings")))
        {
        }

        await host.Connector.WaitForAsync(
            requests => requests.Skip(before).Any(r => r.Method == "POST" && r.Body?.ToJsonString().Contains("Approval settings", StringComparison.Ordinal) == true),
            Wait);
        var posted = host.Connector.Requests.Skip(before).First(r => r.Method == "POST" && r.Body?.ToJsonString().Contains("Approval settings", StringComparison.Ordinal) == true);
        return posted.Body!["attachments"]![0]!["content"]!;
    }

    private static JsonObject ActionData(JsonNode card, string verb) =>
        (JsonObject)card["actions"]!.AsArray().First(a => a!["verb"]?.GetValue<string>() == verb)!["data"]!.DeepClone();

    private static JsonObject Inputs(JsonObject data, params (string Key, string Value)[] inputs)
    {
        foreach (var (key, value) in inputs)
        {
            data[key] = value;
        }

        return data;
    }

    /// <summary>What one stage-settings save sends: the first stage kept with the given times.</summary>
    private static JsonObject Save(JsonObject data, string sla = "2h", string urgent = "15m", string mode = "all") => Inputs(
        data,
        ("stage0Name", "Social"),
        ("stage0Approvers", Approver.ObjectId),
        ("stage0Mode", mode),
        ("stage0Sla", sla),
        ("stage0UrgentSla", urgent),
        ("channel", "keep"),
        ("allowSelfApproval", "false"));

    private static async Task<string> PressAsync(BotTestHost host, TeamsUser user, string verb, JsonObject data, JsonObject? activity = null)
    {
        using var response = await host.PostActivityAsync(activity ?? TeamsActivities.CardAction(host, user, verb, data, inChannel: true));
        Assert.Equal(200, (int)response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static string? InputValue(string invokeAnswer, string id)
    {
        static IEnumerable<JsonObject> Objects(JsonNode? node) => node switch
        {
            JsonObject o => new[] { o }.Concat(o.SelectMany(p => Objects(p.Value))),
            JsonArray a => a.SelectMany(Objects),
            _ => [],
        };

        return Objects(JsonNode.Parse(invokeAnswer)).FirstOrDefault(o => o["id"]?.GetValue<string>() == id)?["value"]?.GetValue<string>();
    }

    private static Task<ScopedPolicy> PolicyAsync(BotTestHost host, string? teamId = null) =>
        host.Services.GetRequiredService<ApprovalPolicyStore>().ResolveAsync(new PolicyScope(BotTestHost.TenantId, teamId), CancellationToken.None);

    private static JsonObject InOtherTeam(JsonObject activity)
    {
        activity["conversation"]!["id"] = OtherChannelId;
        activity["channelData"]!["channel"]!["id"] = OtherChannelId;
        activity["channelData"]!["team"] = new JsonObject { ["id"] = OtherTeamId, ["name"] = "Legal & Brand" };
        return activity;
    }

    private static JsonObject Mentioning(JsonObject activity, TeamsUser user)
    {
        activity["text"] = activity["text"]!.GetValue<string>() + $" <at>{user.Name}</at>";
        activity["entities"]!.AsArray().Add(new JsonObject { ["type"] = "mention", ["text"] = $"<at>{user.Name}</at>", ["mentioned"] = new JsonObject { ["id"] = user.ChannelId, ["name"] = user.Name } });
        return activity;
    }

    [Fact]
    public async Task Save_ApproverInChannel_StoredAndAudited()
    {
        await using var host = await StartAsync();
        var card = await SettingsCardAsync(host, Approver);

        var answer = await PressAsync(host, Approver, "approvals.settings.save", Save(ActionData(card, "approvals.settings.save")));

        Assert.Contains("Saved.", answer, StringComparison.Ordinal);
        var policy = await PolicyAsync(host);
        var stage = Assert.Single(policy.Policy.Stages);
        Assert.Equal(("Social", ApprovalMode.All, TimeSpan.FromHours(2), TimeSpan.FromMinutes(15)), (stage.Name, stage.Mode, stage.Sla, stage.UrgentSla));
        Assert.Equal(Approver.ObjectId, policy.Policy.UpdatedBy!.Id);
        var audit = Assert.Single(await host.Services.GetRequiredService<ApprovalPolicyStore>().ReadAuditAsync(BotTestHost.TenantId, 10, CancellationToken.None));
        Assert.Equal((Approver.ObjectId, "default"), (audit.ActorId, audit.Scope));
        Assert.Contains("remind after 2h, urgent 15m", audit.Change, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_BystanderInTheSameChannel_ReadOnlyAndSaveRefusedNothingChanges()
    {
        await using var host = await StartAsync();
        var approverCard = await SettingsCardAsync(host, Approver);

        var bystanderCard = (await SettingsCardAsync(host, Bystander)).ToJsonString();
        Assert.DoesNotContain("approvals.settings.save", bystanderCard, StringComparison.Ordinal);
        Assert.DoesNotContain("Input.", bystanderCard, StringComparison.Ordinal);
        Assert.Contains("Only admins and approvers can change these settings.", bystanderCard, StringComparison.Ordinal);

        var answer = await PressAsync(host, Bystander, "approvals.settings.save", Save(ActionData(approverCard, "approvals.settings.save")));

        Assert.Contains("Only admins and approvers can change the approval settings, so nothing changed.", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("approvals.settings.save", answer, StringComparison.Ordinal);
        var policy = await PolicyAsync(host);
        Assert.Equal(ActionData(approverCard, "approvals.settings.save")["policyVersion"]!.GetValue<string>(), policy.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(TimeSpan.FromHours(4), policy.Policy.Stages[0].Sla);
        Assert.Null(policy.Policy.UpdatedBy);
        Assert.Empty(await host.Services.GetRequiredService<ApprovalPolicyStore>().ReadAuditAsync(BotTestHost.TenantId, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Save_FromAnOldCard_CurrentSettingsAndMeanwhileMessage()
    {
        await using var host = await StartAsync();
        var card = await SettingsCardAsync(host, Approver);
        var data = ActionData(card, "approvals.settings.save");
        Assert.Contains("Saved.", await PressAsync(host, Approver, "approvals.settings.save", Save(data.DeepClone().AsObject(), "2h")), StringComparison.Ordinal);

        var stale = await PressAsync(host, Approver, "approvals.settings.save", Save(data.DeepClone().AsObject(), "9h"));

        Assert.Contains("Someone changed these settings meanwhile", stale, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"2h\"", stale, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromHours(2), (await PolicyAsync(host)).Policy.Stages[0].Sla);
    }

    [Fact]
    public async Task Save_BadTimeAndNoApprover_FieldErrorsTypedValuesKeptNothingSaved()
    {
        await using var host = await StartAsync();
        var card = await SettingsCardAsync(host, Approver);
        var data = Save(ActionData(card, "approvals.settings.save"), "whenever", "15m");
        data["stage0Approvers"] = string.Empty;
        data["stage0Name"] = "Social \"team\" {x}";

        var answer = await PressAsync(host, Approver, "approvals.settings.save", data);

        Assert.Contains("Write a time like 4h, 90m or 1d 2h.", answer, StringComparison.Ordinal);
        Assert.Contains("Each stage needs at least one approver", answer, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"whenever\"", answer, StringComparison.Ordinal);
        Assert.Equal("Social \"team\" {x}", InputValue(answer, "stage0Name"));
        Assert.Equal(data["policyVersion"]!.GetValue<string>(), (await PolicyAsync(host)).Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Approval", (await PolicyAsync(host)).Policy.Stages[0].Name);
    }

    [Fact]
    public async Task TwoTeams_OwnApprovers_DraftsDecidedByTheirTeamsPolicy()
    {
        await using var host = await StartAsync();

        // Team "Legal & Brand" gets its own settings (posted in its channel), then Lee instead of Adele.
        var otherCard = await PostInOtherTeamAsync(host, Approver, "settings");
        var separated = await PressAsync(host, Approver, "approvals.settings.separate", ActionData(otherCard, "approvals.settings.separate"), InOtherTeam(TeamsActivities.CardAction(host, Approver, "approvals.settings.separate", ActionData(otherCard, "approvals.settings.separate"), inChannel: true)));
        Assert.Contains("This team now has its own settings", separated, StringComparison.Ordinal);
        using (await host.PostActivityAsync(Mentioning(InOtherTeam(TeamsActivities.ChannelMessage(host, Approver, "approvers add")), Second)))
        {
        }

        await host.Connector.WaitForAsync(r => r.Text?.Contains("Added Lee Gu", StringComparison.Ordinal) == true, Wait);
        using (await host.PostActivityAsync(Mentioning(InOtherTeam(TeamsActivities.ChannelMessage(host, Second, "approvers remove")), Approver)))
        {
        }

        await host.Connector.WaitForAsync(r => r.Text?.Contains("Removed Adele Vance", StringComparison.Ordinal) == true, Wait);
        Assert.Equal([Second.ChannelId], (await PolicyAsync(host, OtherTeamId)).Policy.Stages[0].Approvers.Select(a => a.ChannelAccountId));
        Assert.Equal([Approver.ObjectId], (await PolicyAsync(host, TeamsActivities.TeamId)).Policy.Stages[0].Approvers.Select(a => a.Id));

        var fromOtherTeam = await SubmitAsync(host, OtherTeamId, "Brand post");
        var fromMarketing = await SubmitAsync(host, TeamsActivities.TeamId, "Marketing post");

        // The other team's request card goes to the channel its settings were made in.
        await host.Connector.WaitForAsync(r => r.Method == "POST" && r.ConversationId == OtherChannelId && r.Body?.ToJsonString().Contains("Brand post", StringComparison.Ordinal) == true, Wait);
        Assert.Contains("Only approvers can decide", await PressAsync(host, Approver, "approvals.approve", Vote(fromOtherTeam)), StringComparison.Ordinal);
        Assert.Contains("Only approvers can decide", await PressAsync(host, Second, "approvals.approve", Vote(fromMarketing)), StringComparison.Ordinal);
        Assert.Contains("Approved by Lee Gu", await PressAsync(host, Second, "approvals.approve", Vote(fromOtherTeam)), StringComparison.Ordinal);
        Assert.Contains("Approved by Adele Vance", await PressAsync(host, Approver, "approvals.approve", Vote(fromMarketing)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inherit_TeamDropsItsOwnSettings_TenantDefaultAppliesAgain()
    {
        await using var host = await StartAsync();
        var card = await PostInOtherTeamAsync(host, Approver, "settings");
        await PressAsync(host, Approver, "approvals.settings.separate", new JsonObject(), InOtherTeam(TeamsActivities.CardAction(host, Approver, "approvals.settings.separate", ActionData(card, "approvals.settings.separate"), inChannel: true)));
        var own = await PostInOtherTeamAsync(host, Approver, "settings");
        Assert.Contains("approvals.settings.inherit", own.ToJsonString(), StringComparison.Ordinal);

        var answer = await PressAsync(host, Approver, "approvals.settings.inherit", new JsonObject(), InOtherTeam(TeamsActivities.CardAction(host, Approver, "approvals.settings.inherit", ActionData(own, "approvals.settings.inherit"), inChannel: true)));

        Assert.Contains("uses the tenant", answer, StringComparison.Ordinal);
        Assert.False((await PolicyAsync(host, OtherTeamId)).IsTeamPolicy);
        var audit = await host.Services.GetRequiredService<ApprovalPolicyStore>().ReadAuditAsync(BotTestHost.TenantId, 10, CancellationToken.None);
        Assert.Equal(["team:" + OtherTeamId, "team:" + OtherTeamId], audit.Select(a => a.Scope));
    }

    private static async Task<JsonNode> PostInOtherTeamAsync(BotTestHost host, TeamsUser user, string text)
    {
        var before = host.Connector.Requests.Count;
        using (await host.PostActivityAsync(InOtherTeam(TeamsActivities.ChannelMessage(host, user, text))))
        {
        }

        await host.Connector.WaitForAsync(requests => requests.Skip(before).Any(r => r.Method == "POST" && r.ConversationId == OtherChannelId && r.Body?["attachments"] is not null), Wait);
        return host.Connector.Requests.Skip(before).First(r => r.Method == "POST" && r.ConversationId == OtherChannelId && r.Body?["attachments"] is not null).Body!["attachments"]![0]!["content"]!;
    }

    private static JsonObject Vote(Draft draft) => new() { ["draftId"] = draft.Id, ["version"] = draft.ContentVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    private static async Task<Draft> SubmitAsync(BotTestHost host, string teamId, string text)
    {
        var drafts = host.Services.GetRequiredService<IDraftStore>();
        var author = new DraftPerson(TeamsUser.Author.ObjectId, TeamsUser.Author.ChannelId, TeamsUser.Author.Name);
        var draft = await drafts.CreateAsync(BotTestHost.TenantId, author, new DraftContent { Text = text, Networks = [SocialNetwork.X] }, new DraftOrigin(TeamId: teamId), CancellationToken.None);
        var submitted = await drafts.TryTransitionAsync(BotTestHost.TenantId, draft.Id, new HashSet<DraftStatus> { DraftStatus.Draft }, DraftStatus.Submitted, new DraftHistoryEntry(DateTimeOffset.UtcNow, "submitted", author, draft.ContentVersion), CancellationToken.None);
        await host.Services.GetRequiredService<IDraftSubmissionListener>().OnSubmittedAsync(submitted.Draft!, author, CancellationToken.None);
        return submitted.Draft!;
    }
}
