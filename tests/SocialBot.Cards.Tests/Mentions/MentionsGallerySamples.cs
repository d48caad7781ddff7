using SocialBot.Cards.Mentions;
using SocialBot.Testing;

namespace SocialBot.Cards.Tests.Mentions;

internal static class MentionsGallerySamples
{
    public static IReadOnlyList<GalleryCard> Cards { get; } =
    [
        new("mentions/alert-high", MentionCards.Alert(View("@acme I want a refund, this is terrible"))),
        new("mentions/alert-handled", MentionCards.Alert(View("Fixed now, thanks") with { Status = "Handled by Ada · 5 minutes ago", IsHandled = true, Url = null })),
        new("mentions/alert-feed-article", MentionCards.Alert(View("Acme recalls its blender") with { Source = "Feed", Author = "Tech Daily", Reach = null })),
        new("mentions/batch", MentionCards.Summary("7 new mentions", [View("One"), View("Two") with { Priority = "Normal" }], 5)),
        new("mentions/none", MentionCards.Summary("No unhandled mentions", [], 0)),
        .. HostileText.All.Select((text, i) => new GalleryCard($"mentions/alert-hostile-{i}", MentionCards.Alert(View(text) with { Author = text, Rule = text, Reasons = [text] }))),
        new("mentions/spike", SpikeCard.Build(new SpikeView("r1", "acme OR #acmedown", "42 mentions in the last hour, 6× the usual", "▁▁▂▁▁▂▁▁▁▂▁▁▁▁▂▁▁▁▁▁▂▃▅█", ["#acmedown", "outage", "refund"], [View("acme is down again"), View("#acmedown since 9am")], null))),
        new("mentions/spike-frozen", SpikeCard.Build(new SpikeView("r1", "acme", "12 mentions in the last hour, usually none", "▁▁▁▁▁▁▁▁█", [], [], "Frozen 3 scheduled posts · by Ada · 2 minutes ago"))),
        new("mentions/spike-nothing-frozen", SpikeCard.Build(new SpikeView("r1", "acme", "12 mentions in the last hour, usually none", "▁▁▁▁▁▁▁▁█", [], [], "No scheduled posts to freeze · checked by Ada · now", NothingFrozen: true))),
        .. HostileText.All.Select((text, i) => new GalleryCard($"mentions/spike-hostile-{i}", SpikeCard.Build(new SpikeView(text, text, text, text, [text], [View(text)], text)))),
    ];

    private static MentionView View(string text) => new(
        "3f2a9c0d1e4b5a6c7d8e9f00",
        "X",
        "@fan (A Fan)",
        "15.3K followers",
        text,
        "High",
        "negative",
        ["negative tone", "urgent: refund", "15.3K followers"],
        "acme",
        "2 minutes ago",
        new Uri("https://x.example/status/1"),
        null,
        false);
}
