using SocialBot.Bot.Features.Approvals;
using SocialBot.Bot.Features.Drafts;
using SocialBot.Cards.Approvals;

namespace SocialBot.Bot.Tests.Features.Approvals;

public sealed class ApprovalCardViewsTests
{
    private static readonly DraftPerson Author = new("author-oid", "29:author", "Megan");
    private static readonly DraftPerson Ada = new("ada-oid", "29:ada", "Ada");

    private static readonly ApprovalRequest Pending = new()
    {
        TenantId = "t",
        DraftId = "P-1",
        Author = Author,
        ContentVersion = 1,
        State = ApprovalState.Pending,
        SubmittedAt = DateTimeOffset.UnixEpoch,
    };

    private static ApprovalPolicy Policy(params DraftPerson[] approvers) =>
        new([new ApprovalStage("Approval", approvers, ApprovalMode.Any, TimeSpan.FromHours(4), TimeSpan.FromMinutes(30))], [], null, false);

    [Fact]
    public void ViewerFor_ApproverAuthorOther()
    {
        var policy = Policy(Ada);

        Assert.Equal(ApprovalViewer.Approver, ApprovalCardViews.ViewerFor(Pending, policy, Ada));
        Assert.Equal(ApprovalViewer.Author, ApprovalCardViews.ViewerFor(Pending, policy, Author));
        Assert.Equal(ApprovalViewer.Other, ApprovalCardViews.ViewerFor(Pending, policy, new DraftPerson("x", "29:x", "Ada")));
    }

    [Fact]
    public void ViewerFor_DecidedRequest_ApproverSeesStatusOnly()
    {
        Assert.Equal(ApprovalViewer.Other, ApprovalCardViews.ViewerFor(Pending with { State = ApprovalState.Approved }, Policy(Ada), Ada));
    }

    [Fact]
    public void RefreshUserIds_ApproversAndAuthor()
    {
        Assert.Equal(["29:ada", "29:author"], ApprovalCardViews.RefreshUserIds(Pending, Policy(Ada)));
    }

    [Fact]
    public void RefreshUserIds_MoreThanSixty_Null()
    {
        var many = Enumerable.Range(0, 60).Select(i => new DraftPerson($"oid-{i}", $"29:{i}", $"P{i}")).ToArray();

        Assert.Equal(60, ApprovalCardViews.RefreshUserIds(Pending with { Author = new("me", null, "Me") }, Policy(many))!.Count);
        Assert.Null(ApprovalCardViews.RefreshUserIds(Pending, Policy(many)));
    }
}
