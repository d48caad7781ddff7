using SocialBot.Cards.AdaptiveCards;
using SocialBot.Cards.Approvals;
using SocialBot.Testing;

namespace SocialBot.Cards.Tests.Approvals;

/// <summary>Approval cards in every status and view, with realistic and hostile data.</summary>
internal static class ApprovalsGallerySamples
{
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<GalleryCard> Cards { get; } =
    [
        new("approvals/pending-approver", ApprovalCard.Build(Realistic() with { Viewer = ApprovalViewer.Approver })),
        new("approvals/pending-author", ApprovalCard.Build(Realistic() with { Viewer = ApprovalViewer.Author })),
        new("approvals/pending-other", ApprovalCard.Build(Realistic())),
        new("approvals/stage-two-all", ApprovalCard.Build(Realistic() with { StageLine = "Stage 2 of 2 · Social", ApprovedSoFar = ["Ada Lovelace"], Viewer = ApprovalViewer.Approver })),
        new("approvals/approved", ApprovalCard.Build(Realistic() with { Status = ApprovalCardStatus.Scheduled, Decision = new("Scheduled", "Ada Lovelace", Now.AddMinutes(-2), null), CanMarkPublished = true, Viewer = ApprovalViewer.Approver })),
        new("approvals/changes-requested", ApprovalCard.Build(Realistic() with { Status = ApprovalCardStatus.ChangesRequested, Decision = new("ChangesRequested", "Bob", Now.AddHours(-1), "Shorter please, and drop the second hashtag."), Viewer = ApprovalViewer.Author })),
        new("approvals/frozen-approver", ApprovalCard.Build(Realistic() with { Status = ApprovalCardStatus.Frozen, Viewer = ApprovalViewer.Approver })),
        new("approvals/too-many-people", ApprovalCard.Build(Realistic() with { RefreshUserIds = null, Notice = "Only approvers can decide on posts." })),
        .. HostileText.All.Select((text, i) => new GalleryCard($"approvals/hostile-{i}", ApprovalCard.Build(Hostile(text)))),
        new("approvals/notice-changes", ApprovalNoticeCard.Build(new ApprovalNoticeModel("✏️ Changes requested on P-42", "Bob asked for changes:\n\n> Shorter please", "Our new app is live! 🚀", "P-42"))),
        new("approvals/notice-escalation", ApprovalNoticeCard.Build(new ApprovalNoticeModel("⏰ P-42 is overdue", "<at>Ada</at> please decide.", null, null, [Mention.Of("29:ada", "Ada")]))),
        .. HostileText.All.Select((text, i) => new GalleryCard($"approvals/notice-hostile-{i}", ApprovalNoticeCard.Build(new ApprovalNoticeModel(text, CardText.Plain(text), text, text)))),
    ];

    public static ApprovalCardModel Realistic() => new()
    {
        DraftId = "P-42",
        ContentVersion = 2,
        AuthorName = "Megan Bowen",
        Text = "Our new app is live! Try it today 🚀 #launch",
        Networks = ["X 45/280", "LinkedIn 45/3000"],
        PublishAt = Now.AddDays(2).AddHours(1),
        PublishAtLocal = "Thu 11:00 CET",
        Campaign = "Winter launch",
        Notes = "Legal saw the claim already.",
        Warnings = ["X: 4 hashtags; 1–2 work best."],
        Changes = WordDiff.Between("Our app is live! #launch", "Our new app is live! Try it today 🚀 #launch"),
        Status = ApprovalCardStatus.Pending,
        RefreshUserIds = ["29:ada", "29:bob", "29:megan"],
        Now = Now,
    };

    private static ApprovalCardModel Hostile(string text) => Realistic() with
    {
        DraftId = ApprovalCard.Shorten(text, 40),
        AuthorName = text,
        Text = text,
        Networks = [text],
        PublishAtLocal = text,
        Campaign = text,
        Notes = text,
        Warnings = [text, text],
        Changes = WordDiff.Between(text, text + " extra"),
        StageLine = text,
        ApprovedSoFar = [text],
        Decision = new("Rejected", text, Now, text),
        Status = ApprovalCardStatus.Rejected,
        Notice = text,
        PublishedUrl = text,
        Viewer = ApprovalViewer.Approver,
    };
}
