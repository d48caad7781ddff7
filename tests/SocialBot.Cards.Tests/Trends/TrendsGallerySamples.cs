using SocialBot.Cards.Trends;
using SocialBot.Testing;

namespace SocialBot.Cards.Tests.Trends;

internal static class TrendsGallerySamples
{
    public static IReadOnlyList<GalleryCard> Cards { get; } =
    [
        new("trends/eight-terms", TrendsCard.Build(TrendsCardTests.Model(8, "Launch week"))),
        new("trends/with-narrative", TrendsCard.Build(TrendsCardTests.Model(3, "Launch week") with { Narrative = "Launch chatter doubled overnight; most of it is positive." })),
        new("trends/empty", TrendsCard.Build(new TrendsCardModel("last 24 hours", "Nothing is trending yet.", null, []))),
        .. HostileText.All.Select((text, i) => new GalleryCard($"trends/hostile-{i}", TrendsCard.Build(TrendsCardTests.Model(2, text) with { Narrative = text, Headline = text }))),
    ];
}
