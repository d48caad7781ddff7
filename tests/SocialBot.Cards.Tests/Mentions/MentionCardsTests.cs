using SocialBot.Cards.AdaptiveCards;
using SocialBot.Cards.Mentions;

namespace SocialBot.Cards.Tests.Mentions;

public sealed class MentionCardsTests
{
    private static MentionView View(string? reach) =>
        new("k1", "Feed", "Tech Daily", reach, "Acme recalls its blender", "High", "neutral", [], "acme", "5 minutes ago", null, null, false);

    [Fact]
    public void Alert_AuthorWithFollowers_BylineShowsReach()
    {
        var json = AdaptiveCardSerializer.Serialize(MentionCards.Alert(View("12.3K followers")));

        Assert.Contains("Tech Daily · 12.3K followers · 5 minutes ago", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Alert_FeedArticleWithoutFollowers_BylineLeavesReachOut()
    {
        var json = AdaptiveCardSerializer.Serialize(MentionCards.Alert(View(null)));

        Assert.Contains("Tech Daily · 5 minutes ago", json, StringComparison.Ordinal);
        Assert.DoesNotContain("followers", json, StringComparison.Ordinal);
    }
}
