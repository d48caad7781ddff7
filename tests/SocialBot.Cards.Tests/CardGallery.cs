using SocialBot.Cards.AdaptiveCards;

namespace SocialBot.Cards.Tests;

/// <summary>A named sample card.</summary>
/// <param name="Name">Unique name, <c>feature/scenario</c>.</param>
/// <param name="Card">The card.</param>
internal sealed record GalleryCard(string Name, AdaptiveCard Card);

/// <summary>
/// Every card the product can render, with realistic and hostile data. Each feature appends the outputs of its card
/// factories here (one line per feature below), and <see cref="CardSchemaTests"/> validates all of them against the
/// official Adaptive Card 1.5 schema in one node run.
/// </summary>
internal static class CardGallery
{
    public static IReadOnlyList<GalleryCard> All { get; } =
    [
        .. AdaptiveCards.ModelGallerySamples.Cards,
        .. Approvals.ApprovalsGallerySamples.Cards,
        .. Trends.TrendsGallerySamples.Cards,
        .. Drafts.DraftsGallerySamples.Cards,
        .. Mentions.MentionsGallerySamples.Cards,
        .. Digest.DigestGallerySamples.Cards,
    ];
}
