using System.Text.Json.Nodes;
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
        new("approvals/settings-editable", ApprovalSettingsCard.Build(Settings())),
        new("approvals/settings-read-only", ApprovalSettingsCard.Build(Settings() with { Editable = false })),
        new("approvals/settings-errors", ApprovalSettingsCard.Build(Settings() with
        {
            Notice = "Please fix the marked fields; nothing was saved yet.",
            NoticeIsProblem = true,
            FieldErrors = new Dictionary<string, string>
            {
                [ApprovalSettingsCard.StageInput(0, ApprovalSettingsCard.SlaField)] = "Write a time like 4h, 90m or 1d 2h.",
                [ApprovalSettingsCard.StageInput(1, ApprovalSettingsCard.ApproversField)] = "Each stage needs at least one approver.",
            },
        })),
        new("approvals/settings-one-stage-no-approvers", ApprovalSettingsCard.Build(Settings() with { Stages = [Settings().Stages[0] with { Approvers = [], Selected = [] }], ChannelChoices = [new("Keep", ApprovalSettingsCard.ChannelKeep)] })),
        new("approvals/settings-five-stages", ApprovalSettingsCard.Build(Settings() with { Stages = [.. Enumerable.Range(1, 5).Select(n => Settings().Stages[0] with { Name = $"Stage {n}", Position = n })] })),
        .. HostileText.All.Select((text, i) => new GalleryCard($"approvals/settings-hostile-{i}", ApprovalSettingsCard.Build(HostileSettings(text)))),
        .. HostileText.All.Select((text, i) => new GalleryCard($"approvals/settings-hostile-read-only-{i}", ApprovalSettingsCard.Build(HostileSettings(text) with { Editable = false }))),
    ];

    public static ApprovalSettingsModel Settings() => new()
    {
        Title = "Approval settings · Marketing",
        ScopeNote = "This team has its own settings: they apply to posts written in this team.",
        Stages =
        [
            new ApprovalSettingsStageFields
            {
                Name = "Legal",
                Approvers = [new("Ada Lovelace", "ada-oid"), new("Bob Kelso", "bob-oid")],
                Selected = ["ada-oid", "bob-oid"],
                Sla = "4h",
                UrgentSla = "30m",
                Hint = "Now: a reminder after 4 hours and an escalation after 8 hours; urgent posts after 30 minutes.",
                Position = 1,
            },
            new ApprovalSettingsStageFields
            {
                Name = "Social",
                Approvers = [new("Lee Gu", "lee-oid")],
                Selected = ["lee-oid"],
                All = true,
                Sla = "1d",
                UrgentSla = "1h",
                Position = 2,
            },
        ],
        ChannelLine = "Approval requests are posted in this conversation.",
        ChannelChoices = [new("Keep the current approval channel", ApprovalSettingsCard.ChannelKeep), new("No channel: 1:1 chats with each approver", ApprovalSettingsCard.ChannelNone)],
        Editable = true,
        UpdatedByName = "Ada Lovelace",
        UpdatedAt = Now.AddMinutes(-5),
        Now = Now,
        ActionData = new JsonObject { ["policyVersion"] = "3", ["policyScope"] = "19:team@thread.tacv2", ["stageCount"] = "2" },
        CanInherit = true,
    };

    private static ApprovalSettingsModel HostileSettings(string text) => Settings() with
    {
        Title = text,
        ScopeNote = text,
        Stages = [.. Settings().Stages.Select(s => s with { Name = text, Approvers = [new(text, text), new(text + "2", "id-2")], Selected = [text], Sla = text, UrgentSla = text, Hint = text })],
        ChannelLine = text,
        ChannelChoices = [new(text, ApprovalSettingsCard.ChannelKeep), new(text, ApprovalSettingsCard.ChannelHere)],
        Notice = text,
        UpdatedByName = text,
        FieldErrors = new Dictionary<string, string> { [ApprovalSettingsCard.StageInput(0, ApprovalSettingsCard.NameField)] = text },
        CanSeparate = true,
    };

    public static ApprovalCardModel Realistic() => new()
    {
        DraftId = "P-42",
        ContentVersion = 2,
        AuthorName = "Megan Bowen",
        Text = "Our new app is live! Try it today 🚀 #launch",
        Networks = ["X 45/280", "LinkedIn 45/3000"],
        PublishTime = "in 2 days, Thu 10 Dec 11:00 CET",
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
        PublishTime = text,
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
