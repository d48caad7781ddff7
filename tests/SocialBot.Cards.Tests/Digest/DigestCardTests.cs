using SocialBot.Cards.AdaptiveCards;
using SocialBot.Cards.Digest;

namespace SocialBot.Cards.Tests.Digest;

public sealed class DigestCardTests
{
    [Fact]
    public void Build_QuietDay_ShortVersionWithoutRefresh()
    {
        var card = DigestCard.Build(new DigestCardModel("Daily digest · Sun 6 Dec", [], null, null, []));

        var json = AdaptiveCardSerializer.Serialize(card);
        Assert.Contains("A quiet day", json, StringComparison.Ordinal);
        Assert.Null(card.Refresh);
    }

    [Fact]
    public void Build_Approvers_RefreshListsThemWithTheDigestVerb()
    {
        var card = DigestCard.Build(DigestGallerySamples.Full("Daily digest", "#x", null, null));

        Assert.Equal(DigestCard.RefreshVerb, card.Refresh!.Action.Verb);
        Assert.Equal(["29:approver-1", "29:approver-2"], card.Refresh.UserIds);
    }

    [Fact]
    public void Build_LateAndViewerLines_AreShown()
    {
        var json = AdaptiveCardSerializer.Serialize(DigestCard.Build(DigestGallerySamples.Full("Daily digest", "#x", "Sent late.", "1 approval waits for you")));

        Assert.Contains("Sent late.", json, StringComparison.Ordinal);
        Assert.Contains("1 approval waits for you", json, StringComparison.Ordinal);
    }
}
