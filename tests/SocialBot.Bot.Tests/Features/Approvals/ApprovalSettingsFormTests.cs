using System.Text.Json;
using System.Text.Json.Nodes;
using SocialBot.Bot.Features.Approvals;
using SocialBot.Bot.Features.Drafts;
using SocialBot.Bot.Protocol.Schema;
using SocialBot.Bot.Turns.Routing;
using static SocialBot.Cards.Approvals.ApprovalSettingsCard;

namespace SocialBot.Bot.Tests.Features.Approvals;

public sealed class ApprovalSettingsFormTests
{
    private static readonly DraftPerson Ada = new("ada-oid", "29:ada", "Ada");
    private static readonly DraftPerson Bob = new("bob-oid", "29:bob", "Bob");
    private static readonly DraftPerson Lee = new("lee-oid", "29:lee", "Lee");

    private static readonly ConversationReference Channel = new()
    {
        ChannelId = "msteams",
        ServiceUrl = "https://smba.example/",
        Conversation = new ConversationAccount { Id = "19:channel@thread.tacv2" },
    };

    private static ApprovalPolicy TwoStages() => new(
        [
            new ApprovalStage("Legal", [Ada, Bob], ApprovalMode.Any, TimeSpan.FromHours(4), TimeSpan.FromMinutes(30)),
            new ApprovalStage("Social", [Lee], ApprovalMode.All, TimeSpan.FromHours(8), TimeSpan.FromHours(1)),
        ],
        ["admin-oid"],
        Channel,
        false);

    private static SettingsStageInput Stage(string name, string[] selected, string sla = "4h", string urgent = "30m", int position = 1, bool remove = false, bool all = false) =>
        new(name, selected, all, sla, urgent, position, remove);

    private static SettingsInput Input(params SettingsStageInput[] stages) => new(stages, ChannelKeep, false, 3, ApprovalSettingsForm.DefaultScope);

    private static ConversationReferenceChoice Keep(ApprovalPolicy policy) => new(policy.Channel, null);

    [Fact]
    public void Apply_ValidChanges_NewPolicyInOrder()
    {
        var policy = TwoStages();
        var input = Input(
            Stage("Legal team", ["ada-oid"], "2h", "15m", position: 2),
            Stage("Social", ["lee-oid"], "1d", "1h", position: 1, all: true));

        var (next, errors) = ApprovalSettingsForm.Apply(policy, input, Keep(policy));

        Assert.Empty(errors);
        Assert.Equal(["Social", "Legal team"], next!.Stages.Select(s => s.Name));
        Assert.Equal([Ada], next.Stages[1].Approvers);
        Assert.Equal(TimeSpan.FromHours(2), next.Stages[1].Sla);
        Assert.Equal(TimeSpan.FromMinutes(15), next.Stages[1].UrgentSla);
        Assert.Equal(ApprovalMode.All, next.Stages[0].Mode);
        Assert.Equal(TimeSpan.FromDays(1), next.Stages[0].Sla);
        Assert.Same(Channel, next.Channel);
    }

    [Fact]
    public void Apply_UnknownApproverIdsFromTheCard_Ignored()
    {
        var policy = TwoStages();

        var (next, _) = ApprovalSettingsForm.Apply(policy, Input(Stage("Legal", ["ada-oid", "mallory-oid"]), Stage("Social", ["lee-oid"], "8h", "1h")), Keep(policy));

        Assert.Equal([Ada], next!.Stages[0].Approvers);
    }

    [Fact]
    public void Apply_StageWithoutApprovers_ErrorNamesTheCommand()
    {
        var policy = TwoStages();

        var (next, errors) = ApprovalSettingsForm.Apply(policy, Input(Stage("Legal", []), Stage("Social", ["lee-oid"], "8h", "1h")), Keep(policy));

        Assert.Null(next);
        Assert.Contains("approvers add @name to Legal", errors[StageInput(0, ApproversField)], StringComparison.Ordinal);
        Assert.Single(errors);
    }

    [Theory]
    [InlineData("soon", "30m", SlaField, "like 4h")]
    [InlineData("2m", "1m", SlaField, "between 5 minutes and 30 days")]
    [InlineData("31d", "1h", SlaField, "between 5 minutes and 30 days")]
    [InlineData("4h", "2d", UrgentSlaField, "between 1 minute and 24 hours")]
    [InlineData("1h", "2h", UrgentSlaField, "sooner")]
    [InlineData("4h", "", UrgentSlaField, "like 4h")]
    public void Apply_BadTimes_FieldError(string sla, string urgent, string field, string expected)
    {
        var policy = TwoStages();

        var (next, errors) = ApprovalSettingsForm.Apply(policy, Input(Stage("Legal", ["ada-oid"], sla, urgent), Stage("Social", ["lee-oid"], "8h", "1h")), Keep(policy));

        Assert.Null(next);
        Assert.Contains(expected, errors[StageInput(0, field)], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Give the stage a name")]
    [InlineData("SOCIAL", "same name")]
    [InlineData("An extremely long stage name that goes on and on", "at most 40")]
    public void Apply_BadNames_FieldError(string name, string expected)
    {
        var policy = TwoStages();

        var (next, errors) = ApprovalSettingsForm.Apply(policy, Input(Stage("Social", ["ada-oid"]), Stage(name, ["lee-oid"], "8h", "1h")), Keep(policy));

        Assert.Null(next);
        Assert.Contains(expected, errors[StageInput(1, NameField)], StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_RemoveOneStage_OtherKept()
    {
        var policy = TwoStages();

        var (next, errors) = ApprovalSettingsForm.Apply(policy, Input(Stage("Legal", [], remove: true), Stage("Social", ["lee-oid"], "8h", "1h")), Keep(policy));

        Assert.Empty(errors);
        Assert.Equal("Social", Assert.Single(next!.Stages).Name);
    }

    [Fact]
    public void Apply_RemoveEveryStage_Refused()
    {
        var policy = TwoStages();

        var (next, errors) = ApprovalSettingsForm.Apply(policy, Input(Stage("Legal", ["ada-oid"], remove: true), Stage("Social", ["lee-oid"], "8h", "1h", remove: true)), Keep(policy));

        Assert.Null(next);
        Assert.Contains("at least one stage", errors[StageInput(0, RemoveField)], StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_ChannelNoneAndSelfApproval_Applied()
    {
        var policy = TwoStages();
        var input = Input(Stage("Legal", ["ada-oid"]), Stage("Social", ["lee-oid"], "8h", "1h")) with { Channel = ChannelNone, AllowSelfApproval = true };

        var (next, _) = ApprovalSettingsForm.Apply(policy, input, new ConversationReferenceChoice(null, null));

        Assert.Null(next!.Channel);
        Assert.True(next.AllowSelfApproval);
    }

    [Fact]
    public void Apply_ChannelProblem_FieldError()
    {
        var policy = TwoStages();

        var (next, errors) = ApprovalSettingsForm.Apply(policy, Input(Stage("Legal", ["ada-oid"]), Stage("Social", ["lee-oid"], "8h", "1h")), new ConversationReferenceChoice(Channel, "no"));

        Assert.Null(next);
        Assert.Equal("no", errors[ChannelId]);
    }

    [Fact]
    public void IsCurrent_VersionScopeAndStageCountMustMatch()
    {
        var scoped = new ScopedPolicy(TwoStages(), 3, null);
        var input = Input(Stage("Legal", ["ada-oid"]), Stage("Social", ["lee-oid"]));

        Assert.True(ApprovalSettingsForm.IsCurrent(input, scoped));
        Assert.False(ApprovalSettingsForm.IsCurrent(input with { Version = 2 }, scoped));
        Assert.False(ApprovalSettingsForm.IsCurrent(input with { Version = null }, scoped));
        Assert.False(ApprovalSettingsForm.IsCurrent(input with { Scope = "19:team" }, scoped));
        Assert.False(ApprovalSettingsForm.IsCurrent(input, scoped with { TeamId = "19:team" }));
        Assert.False(ApprovalSettingsForm.IsCurrent(Input(Stage("Legal", ["ada-oid"])), scoped));
    }

    [Fact]
    public void Read_CardData_InputsBack()
    {
        var data = new JsonObject
        {
            [ApprovalSettingsForm.VersionField] = "7",
            [ApprovalSettingsForm.ScopeField] = "19:team",
            [ApprovalSettingsForm.StageCountField] = "2",
            [StageInput(0, NameField)] = " Legal ",
            [StageInput(0, ApproversField)] = "ada-oid,bob-oid",
            [StageInput(0, ModeField)] = "all",
            [StageInput(0, SlaField)] = "2h",
            [StageInput(0, UrgentSlaField)] = "10m",
            [StageInput(0, PositionField)] = "2",
            [StageInput(1, RemoveField)] = "true",
            [ChannelId] = ChannelNone,
            [SelfApprovalId] = "true",
        };

        var input = ApprovalSettingsForm.Read(new CardActionRequest(SaveVerb, JsonSerializer.SerializeToElement(data)));

        Assert.Equal(7, input.Version);
        Assert.Equal("19:team", input.Scope);
        var first = input.Stages[0];
        Assert.Equal(("Legal", true, "2h", "10m", 2, false), (first.Name, first.All, first.Sla, first.UrgentSla, first.Position, first.Remove));
        Assert.Equal(["ada-oid", "bob-oid"], first.Selected);
        Assert.True(input.Stages[1].Remove);
        Assert.Equal(2, input.Stages[1].Position);
        Assert.Equal(ChannelNone, input.Channel);
        Assert.True(input.AllowSelfApproval);
    }

    [Fact]
    public void Read_HostileStageCount_Clamped()
    {
        var data = new JsonObject { [ApprovalSettingsForm.StageCountField] = "100000" };

        var input = ApprovalSettingsForm.Read(new CardActionRequest(SaveVerb, JsonSerializer.SerializeToElement(data)));

        Assert.Equal(ApprovalPolicy.MaxStages, input.Stages.Count);
        Assert.Null(input.Version);
    }

    [Fact]
    public void Summarize_SaysWhatChanged()
    {
        var before = TwoStages();
        var after = before with { Stages = [before.Stages[0] with { Sla = TimeSpan.FromHours(2), Approvers = [Ada] }, before.Stages[1]], AllowSelfApproval = true };

        var summary = ApprovalSettingsForm.Summarize(before, after);

        Assert.Contains("Legal: remind after 2h", summary, StringComparison.Ordinal);
        Assert.Contains("removed Bob", summary, StringComparison.Ordinal);
        Assert.Contains("self-approval allowed", summary, StringComparison.Ordinal);
    }
}
