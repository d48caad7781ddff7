using SocialBot.Bot.Features.Approvals;
using SocialBot.Bot.Features.Drafts;

namespace SocialBot.Bot.Tests.Features.Approvals;

public sealed class ApprovalStateMachineTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DraftPerson Author = new("author-oid", "29:author", "Megan");
    private static readonly DraftPerson Ada = new("ada-oid", "29:ada", "Ada");
    private static readonly DraftPerson Bob = new("bob-oid", "29:bob", "Bob");
    private static readonly DraftPerson Lee = new("lee-oid", "29:lee", "Lee");
    private static readonly DraftPerson Stranger = new("x-oid", "29:x", "Ada");

    private static ApprovalPolicy Policy(ApprovalMode mode = ApprovalMode.Any, bool self = false, params ApprovalStage[] more) =>
        new([new ApprovalStage("Legal", [Ada, Bob], mode, TimeSpan.FromHours(4), TimeSpan.FromMinutes(30)), .. more], [], null, self);

    private static ApprovalRequest Request(ApprovalState state = ApprovalState.Pending, DateTimeOffset? publishAt = null) => new()
    {
        TenantId = "t",
        DraftId = "P-1",
        Author = Author,
        ContentVersion = 3,
        State = state,
        SubmittedAt = Now.AddHours(-1),
        PublishAt = publishAt,
    };

    private static ApprovalResult Apply(ApprovalRequest request, ApprovalPolicy policy, DraftPerson actor, ApprovalAction action, string? comment = null, int? version = 3) =>
        ApprovalStateMachine.Apply(request, policy, actor, action, comment, version, Now);

    [Fact]
    public void Apply_ApproveByApproverModeAny_Approved()
    {
        var result = Apply(Request(), Policy(), Ada, ApprovalAction.Approve);

        Assert.Equal(ApprovalOutcome.Decided, result.Outcome);
        Assert.Equal(ApprovalState.Approved, result.Request.State);
        Assert.Equal(Ada, result.Request.Decision!.Actor);
    }

    [Fact]
    public void Apply_ApproveWithPublishTime_Scheduled()
    {
        var result = Apply(Request(publishAt: Now.AddDays(1)), Policy(), Ada, ApprovalAction.Approve);

        Assert.Equal(ApprovalState.Scheduled, result.Request.State);
    }

    [Fact]
    public void Apply_NonApprover_RefusedNothingChanges()
    {
        var request = Request();

        var result = Apply(request, Policy(), Stranger, ApprovalAction.Approve);

        Assert.Equal(ApprovalOutcome.Refused, result.Outcome);
        Assert.Same(request, result.Request);
        Assert.Contains("Only approvers", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_ApproverIdentifiedByChannelIdOnly_Accepted()
    {
        var policy = Policy() with { Stages = [new ApprovalStage("Legal", [new DraftPerson("29:ada", "29:ada", "Ada")], ApprovalMode.Any, TimeSpan.FromHours(4), TimeSpan.FromMinutes(30))] };

        var result = Apply(Request(), policy, Ada, ApprovalAction.Approve);

        Assert.Equal(ApprovalState.Approved, result.Request.State);
    }

    [Fact]
    public void Apply_AuthorIsApproverSelfApprovalForbidden_Refused()
    {
        var policy = Policy() with { Stages = [new ApprovalStage("Legal", [Author, Ada], ApprovalMode.Any, TimeSpan.FromHours(4), TimeSpan.FromMinutes(30))] };

        var result = Apply(Request(), policy, Author, ApprovalAction.Approve);

        Assert.Equal(ApprovalOutcome.Refused, result.Outcome);
    }

    [Fact]
    public void Apply_AuthorIsApproverSelfApprovalAllowed_Approved()
    {
        var policy = Policy(self: true) with { Stages = [new ApprovalStage("Legal", [Author], ApprovalMode.Any, TimeSpan.FromHours(4), TimeSpan.FromMinutes(30))] };

        var result = Apply(Request(), policy, Author, ApprovalAction.Approve);

        Assert.Equal(ApprovalState.Approved, result.Request.State);
    }

    [Theory]
    [InlineData("RequestChanges", null)]
    [InlineData("RequestChanges", "   ")]
    [InlineData("Reject", null)]
    public void Apply_CommentOrReasonMissing_Refused(string actionName, string? comment)
    {
        var action = Enum.Parse<ApprovalAction>(actionName);
        var result = Apply(Request(), Policy(), Ada, action, comment);

        Assert.Equal(ApprovalOutcome.Refused, result.Outcome);
        Assert.Equal(ApprovalState.Pending, result.Request.State);
    }

    [Theory]
    [InlineData("RequestChanges", "ChangesRequested")]
    [InlineData("Reject", "Rejected")]
    public void Apply_WithComment_DecidesAndKeepsComment(string actionName, string expectedName)
    {
        var (action, expected) = (Enum.Parse<ApprovalAction>(actionName), Enum.Parse<ApprovalState>(expectedName));
        var result = Apply(Request(), Policy(ApprovalMode.All), Ada, action, " Too long ");

        Assert.Equal(expected, result.Request.State);
        Assert.Equal("Too long", result.Request.Decision!.Comment);
    }

    [Fact]
    public void Apply_OldCardVersion_Stale()
    {
        var result = Apply(Request(), Policy(), Ada, ApprovalAction.Approve, version: 2);

        Assert.Equal(ApprovalOutcome.Stale, result.Outcome);
    }

    [Theory]
    [InlineData("Approved")]
    [InlineData("Rejected")]
    [InlineData("Withdrawn")]
    [InlineData("Expired")]
    [InlineData("ChangesRequested")]
    public void Apply_AlreadyDecided_StaleForEveryDecision(string stateName)
    {
        var state = Enum.Parse<ApprovalState>(stateName);
        foreach (var action in new[] { ApprovalAction.Approve, ApprovalAction.Reject, ApprovalAction.RequestChanges })
        {
            Assert.Equal(ApprovalOutcome.Stale, Apply(Request(state), Policy(), Bob, action, "why").Outcome);
        }
    }

    [Fact]
    public void Apply_ModeAll_WaitsForEveryApproverThenApproves()
    {
        var first = Apply(Request(), Policy(ApprovalMode.All), Ada, ApprovalAction.Approve);
        Assert.Equal(ApprovalOutcome.Recorded, first.Outcome);
        Assert.Equal(ApprovalState.Pending, first.Request.State);

        var again = Apply(first.Request, Policy(ApprovalMode.All), Ada, ApprovalAction.Approve);
        Assert.Equal(ApprovalOutcome.Stale, again.Outcome);

        var second = Apply(first.Request, Policy(ApprovalMode.All), Bob, ApprovalAction.Approve);
        Assert.Equal(ApprovalState.Approved, second.Request.State);
    }

    [Fact]
    public void Apply_ModeAllOneRejects_RejectedAtOnce()
    {
        var first = Apply(Request(), Policy(ApprovalMode.All), Ada, ApprovalAction.Approve);

        var result = Apply(first.Request, Policy(ApprovalMode.All), Bob, ApprovalAction.Reject, "No");

        Assert.Equal(ApprovalState.Rejected, result.Request.State);
    }

    [Fact]
    public void Apply_TwoStages_LaterStageOnlyAfterEarlier()
    {
        var policy = Policy(ApprovalMode.Any, false, new ApprovalStage("Social", [Lee], ApprovalMode.Any, TimeSpan.FromHours(4), TimeSpan.FromMinutes(30)));

        var early = Apply(Request(), policy, Lee, ApprovalAction.Approve);
        Assert.Equal(ApprovalOutcome.Refused, early.Outcome);

        var legal = Apply(Request(), policy, Ada, ApprovalAction.Approve);
        Assert.Equal(ApprovalOutcome.StageAdvanced, legal.Outcome);
        Assert.Equal(1, legal.Request.StageIndex);
        Assert.Equal(ApprovalState.Pending, legal.Request.State);

        var legalAgain = Apply(legal.Request, policy, Bob, ApprovalAction.Approve);
        Assert.Equal(ApprovalOutcome.Refused, legalAgain.Outcome);

        var social = Apply(legal.Request, policy, Lee, ApprovalAction.Approve);
        Assert.Equal(ApprovalState.Approved, social.Request.State);
    }

    [Fact]
    public void Apply_WithdrawByAuthor_Withdrawn()
    {
        Assert.Equal(ApprovalState.Withdrawn, Apply(Request(), Policy(), Author, ApprovalAction.Withdraw).Request.State);
        Assert.Equal(ApprovalState.Withdrawn, Apply(Request(ApprovalState.ChangesRequested), Policy(), Author, ApprovalAction.Withdraw).Request.State);
    }

    [Fact]
    public void Apply_WithdrawByOther_Refused()
    {
        Assert.Equal(ApprovalOutcome.Refused, Apply(Request(), Policy(), Ada, ApprovalAction.Withdraw).Outcome);
    }

    [Fact]
    public void Apply_WithdrawAfterApproval_Stale()
    {
        Assert.Equal(ApprovalOutcome.Stale, Apply(Request(ApprovalState.Approved), Policy(), Author, ApprovalAction.Withdraw).Outcome);
    }

    [Fact]
    public void Apply_MarkPublished_OnlyFromApprovedOrScheduled()
    {
        var published = Apply(Request(ApprovalState.Scheduled), Policy(), Ada, ApprovalAction.MarkPublished, "https://x.com/p/1");
        Assert.Equal(ApprovalState.Published, published.Request.State);
        Assert.Equal("https://x.com/p/1", published.Request.PublishedUrl);

        Assert.Equal(ApprovalOutcome.Stale, Apply(Request(), Policy(), Ada, ApprovalAction.MarkPublished).Outcome);
        Assert.Equal(ApprovalOutcome.Refused, Apply(Request(ApprovalState.Approved), Policy(), Stranger, ApprovalAction.MarkPublished).Outcome);
    }

    [Fact]
    public void Apply_FrozenReapproved_BackToScheduled()
    {
        var result = Apply(Request(ApprovalState.Frozen, Now.AddDays(1)), Policy(), Bob, ApprovalAction.Approve, version: null);

        Assert.Equal(ApprovalState.Scheduled, result.Request.State);
    }

    [Theory]
    [InlineData("Pending", "Submitted")]
    [InlineData("Scheduled", "Scheduled")]
    [InlineData("Frozen", "Frozen")]
    [InlineData("ChangesRequested", "ChangesRequested")]
    public void ToDraftStatus_MapsByName(string state, string expected)
    {
        Assert.Equal(Enum.Parse<DraftStatus>(expected), ApprovalStateMachine.ToDraftStatus(Enum.Parse<ApprovalState>(state)));
    }
}
