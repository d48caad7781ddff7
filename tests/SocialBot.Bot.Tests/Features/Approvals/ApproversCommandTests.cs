using SocialBot.Bot.Features.Approvals;
using SocialBot.Bot.Features.Drafts;

namespace SocialBot.Bot.Tests.Features.Approvals;

public sealed class ApproversCommandTests
{
    private static readonly DraftPerson Ada = new("ada-oid", "29:ada", "Ada Lovelace");
    private static readonly DraftPerson Lee = new("lee-oid", "29:lee", "Lee Gu");

    private static ApprovalPolicy Policy(params ApprovalStage[] stages) => new(stages, [], null, false);

    private static ApprovalStage Stage(string name, params DraftPerson[] approvers) => new(name, approvers, ApprovalMode.Any, TimeSpan.FromHours(4), TimeSpan.FromMinutes(30));

    [Theory]
    [InlineData("Lee Gu", null)]
    [InlineData("Lee Gu to Legal", "Legal")]
    [InlineData("Lee Gu to the Legal stage", "Legal")]
    [InlineData("Lee Gu from stage 2", "2")]
    [InlineData("Lee Gu in Social Media", "Social Media")]
    public void StageNamed_AfterTheMentions(string arguments, string? expected) =>
        Assert.Equal(expected, ApproversCommand.StageNamed(arguments, [Lee]));

    [Fact]
    public void Change_AddToNewStage_CreatesItAtTheEnd()
    {
        var (policy, problem, name) = ApproversCommand.Change(Policy(Stage("Social", Ada)), true, [Lee], "Legal");

        Assert.Null(problem);
        Assert.Equal("Legal", name);
        Assert.Equal(["Social", "Legal"], policy!.Stages.Select(s => s.Name));
        Assert.Equal([Lee], policy.Stages[1].Approvers);
    }

    [Fact]
    public void Change_AddToStageByNumber_AddsOnce()
    {
        var (policy, _, _) = ApproversCommand.Change(Policy(Stage("Social", Ada), Stage("Legal", Lee)), true, [Lee, Ada], "2");

        Assert.Equal([Lee, Ada], policy!.Stages[1].Approvers);
    }

    [Fact]
    public void Change_SixthStage_Refused()
    {
        var full = Policy(Stage("1", Ada), Stage("2", Ada), Stage("3", Ada), Stage("4", Ada), Stage("5", Ada));

        var (policy, problem, _) = ApproversCommand.Change(full, true, [Lee], "Legal");

        Assert.Null(policy);
        Assert.Contains("at most 5 stages", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Change_RemoveLastApprover_Refused()
    {
        var (policy, problem, _) = ApproversCommand.Change(Policy(Stage("Social", Ada)), false, [Ada], null);

        Assert.Null(policy);
        Assert.Contains("no approvers left", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Change_RemoveFromUnknownStage_Refused()
    {
        var (policy, problem, _) = ApproversCommand.Change(Policy(Stage("Social", Ada, Lee)), false, [Ada], "Legal");

        Assert.Null(policy);
        Assert.Contains("no stage called", problem, StringComparison.Ordinal);
    }
}
