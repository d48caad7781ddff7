using System.Text.Json.Nodes;
using SocialBot.Cards.AdaptiveCards;
using SocialBot.Cards.Mentions;

namespace SocialBot.Cards.Tests.Mentions;

public sealed class SpikeCardTests
{
    private static SpikeView View(string? freeze, bool nothingFrozen = false) =>
        new("r1", "acme", "42 mentions in the last hour, 6× the usual", "▁▂█", ["#acmedown"], [], freeze, nothingFrozen);

    private static JsonNode OnlyAction(SpikeView view) =>
        Assert.Single(JsonNode.Parse(AdaptiveCardSerializer.Serialize(SpikeCard.Build(view)))!["actions"]!.AsArray())!;

    [Fact]
    public void Build_NothingFrozenYet_OffersFreeze()
    {
        var action = OnlyAction(View(null));

        Assert.Equal(SpikeCard.FreezeVerb, action["verb"]!.GetValue<string>());
        Assert.Equal("r1", action["data"]!["rule"]!.GetValue<string>());
    }

    [Fact]
    public void Build_Frozen_OffersUnfreeze()
    {
        var json = AdaptiveCardSerializer.Serialize(SpikeCard.Build(View("Frozen 3 scheduled posts · by Ada · 2 minutes ago")));

        Assert.Contains("Frozen 3 scheduled posts", json, StringComparison.Ordinal);
        Assert.Equal(SpikeCard.UnfreezeVerb, OnlyAction(View("Frozen 3 scheduled posts · by Ada · 2 minutes ago"))["verb"]!.GetValue<string>());
    }

    [Fact]
    public void Build_FreezeFoundNothing_StatusShownAndFreezeOfferedAgain()
    {
        var view = View("No scheduled posts to freeze · checked by Ada · now", nothingFrozen: true);

        Assert.Contains("No scheduled posts to freeze", AdaptiveCardSerializer.Serialize(SpikeCard.Build(view)), StringComparison.Ordinal);
        Assert.Equal(SpikeCard.FreezeVerb, OnlyAction(view)["verb"]!.GetValue<string>());
    }
}
