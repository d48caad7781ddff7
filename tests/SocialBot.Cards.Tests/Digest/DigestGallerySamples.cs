using SocialBot.Cards.AdaptiveCards;
using SocialBot.Cards.Digest;
using SocialBot.Testing;

namespace SocialBot.Cards.Tests.Digest;

/// <summary>The daily digest: a full day, a quiet day, a late one, and hostile text in every slot.</summary>
internal static class DigestGallerySamples
{
    public static IReadOnlyList<GalleryCard> Cards { get; } =
    [
        new("digest/full", DigestCard.Build(Full("Daily digest · Tue 8 Dec", "#LaunchDay", null, "2 approvals wait for you"))),
        new("digest/quiet", DigestCard.Build(new DigestCardModel("Daily digest · Sun 6 Dec", [], null, null, []))),
        new("digest/late", DigestCard.Build(Full("Daily digest · Wed 9 Dec", "#launch", "Sent late: I was offline at 09:00.", null))),
        .. HostileText.All.Select((text, i) => new GalleryCard($"digest/hostile-{i}", DigestCard.Build(Full(text, text, text, text)))),
    ];

    public static DigestCardModel Full(string title, string term, string? late, string? viewer) => new(
        title,
        [
            new DigestSectionView(
                "Approvals",
                [new Fact("Waiting", "3 approvals"), new Fact("Oldest", "waiting 2 days"), new Fact("Decided yesterday", "4"), new Fact("Median turnaround", "3 hours")],
                []),
            new DigestSectionView("Publishing today", [new Fact("Scheduled", "2 posts")], ["10:00 · LinkedIn, X · Our spring launch is here", $"15:30 · Mastodon · {term}"]),
            new DigestSectionView("Trending", [], [$"{term} · 42 mentions · +340%", "pricing · 12 mentions · new"]),
        ],
        late,
        viewer,
        ["29:approver-1", "29:approver-2"]);
}
