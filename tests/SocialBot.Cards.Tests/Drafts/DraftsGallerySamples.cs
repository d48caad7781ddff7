using System.Text.Json.Nodes;
using SocialBot.Cards.AdaptiveCards;
using SocialBot.Cards.Drafts;
using SocialBot.Testing;

namespace SocialBot.Cards.Tests.Drafts;

internal static class DraftsGallerySamples
{
    private static readonly IReadOnlyList<Choice> Networks = [new("X", "x"), new("LinkedIn", "linkedin"), new("Bluesky", "bluesky")];

    public static IReadOnlyList<GalleryCard> Cards { get; } =
    [
        new("drafts/form-empty", DraftFormCard.Build(Form(new DraftFormFields()))),
        new("drafts/form-full", DraftFormCard.Build(Form(Full("Launch day! #acme"), counters: ["X 17/280", "Bluesky 312/300 — 12 over"], errors: ["Bluesky: 12 over the limit"], warnings: ["Image 2 has no alt text"]))),
        new("drafts/form-field-errors", DraftFormCard.Build(Form(Full("x"), fieldErrors: new Dictionary<string, string> { [DraftFormCard.NetworksId] = "Pick at least one network.", [DraftFormCard.LinkId] = "The link should be a full web address" }))),
        new("drafts/form-dialog", DraftFormCard.Build(Form(Full("From a Teams message")) with { InDialog = true })),
        new("drafts/confirmation", DraftSummaryCards.Confirmation("P-42 sent for approval", Line("P-42", "Launch day!"), ["Image 2 has no alt text"])),
        new("drafts/my-drafts", DraftSummaryCards.MyDrafts([Line("P-42", "Launch day!"), Line("P-41", "Older idea") with { CanEdit = false }], 3)),
        new("drafts/my-drafts-empty", DraftSummaryCards.MyDrafts([], 0)),
        new("drafts/my-drafts-page-2", DraftSummaryCards.MyDrafts([Line("P-12", "Eleventh idea")], 4, page: 1)),
        new("drafts/my-drafts-page-gone", DraftSummaryCards.MyDrafts([], 0, page: 3)),
        new("drafts/history", DraftSummaryCards.History(Line("P-42", "Launch day!"), [new("Created by Megan", "3 hours ago", null), new("Changes requested by Adele", "2 hours ago", "Shorter please")])),
        .. HostileText.All.Select((text, i) => new GalleryCard($"drafts/form-hostile-{i}", DraftFormCard.Build(Form(Full(text), counters: [text], errors: [text], warnings: [text]) with { Title = text, Notice = text }))),
        .. HostileText.All.Select((text, i) => new GalleryCard($"drafts/history-hostile-{i}", DraftSummaryCards.History(Line(text, text), [new(text, text, text)]))),
    ];

    internal static DraftFormModel Form(DraftFormFields fields, IReadOnlyList<string>? counters = null, IReadOnlyList<string>? errors = null, IReadOnlyList<string>? warnings = null, IReadOnlyDictionary<string, string>? fieldErrors = null) =>
        new("New post", fields, Networks, "Europe/Berlin", fieldErrors ?? new Dictionary<string, string>(), counters ?? [], errors ?? [], warnings ?? [], null, new JsonObject { ["draftId"] = "P-42", ["version"] = "3" });

    internal static DraftFormFields Full(string text) => new()
    {
        Text = text,
        Networks = ["x", "bluesky"],
        Link = "https://contoso.example/launch",
        Images = [("https://cdn.example/a.png", "A rocket"), ("https://cdn.example/b.png", null)],
        PublishDate = new DateOnly(2026, 12, 8),
        PublishTime = new TimeOnly(10, 0),
        Campaign = "Launch",
        Notes = "Please check the claim",
        Urgent = true,
        Sponsored = false,
    };

    private static DraftLine Line(string id, string text) => new(id, "Waiting for approval", text, "created 3 hours ago", "publishes in 2 days, Tue 8 Dec 10:00 CET", ["X 17/280"], true);
}
