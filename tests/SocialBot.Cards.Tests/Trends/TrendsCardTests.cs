using SocialBot.Cards.AdaptiveCards;
using SocialBot.Cards.Trends;

namespace SocialBot.Cards.Tests.Trends;

public sealed class TrendsCardTests
{
    [Fact]
    public void Build_TenTerms_ShowsEightEachWithTrackAndDraftButtons()
    {
        var card = TrendsCard.Build(Model(10, "launch"));

        var items = card.Body.OfType<Container>().ToList();
        Assert.Equal(TrendsCard.MaxItems, items.Count);
        var buttons = items[0].Items.OfType<ActionSet>().Single().Actions.Cast<ExecuteAction>().ToList();
        Assert.Equal([TrendsCard.TrackVerb, TrendsCard.DraftVerb], buttons.Select(b => b.Verb));
        Assert.Equal("\"launch 0\"", buttons[0].Data!["query"]!.GetValue<string>());
        Assert.Equal("launch 0", buttons[1].Data!["text"]!.GetValue<string>().Trim());
    }

    [Fact]
    public void Build_Term_ShowsChangeCountSparklineToneAndSampleLink()
    {
        var json = AdaptiveCardSerializer.Serialize(TrendsCard.Build(Model(1, "launch")));

        Assert.Contains("340%", json, StringComparison.Ordinal);
        Assert.Contains("42 mentions", json, StringComparison.Ordinal);
        Assert.Contains("▁▃█", json, StringComparison.Ordinal);
        Assert.Contains("12% negative", json, StringComparison.Ordinal);
        Assert.Contains("https://x.example/status/1", json, StringComparison.Ordinal);
        Assert.Contains("12.3K followers", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NoTerms_ExplainsHowToFeedMentions()
    {
        var card = TrendsCard.Build(new TrendsCardModel("last 24 hours", "Nothing is trending yet.", null, []));

        var json = AdaptiveCardSerializer.Serialize(card);
        Assert.Contains("track feed", json, StringComparison.Ordinal);
        Assert.Contains("/api/mentions", json, StringComparison.Ordinal);
        Assert.Empty(card.Body.OfType<Container>());
    }

    [Fact]
    public void Build_NarrativeOnlyWhenGiven()
    {
        var without = AdaptiveCardSerializer.Serialize(TrendsCard.Build(Model(1, "x")));
        var with = AdaptiveCardSerializer.Serialize(TrendsCard.Build(Model(1, "x") with { Narrative = "Chatter doubled overnight." }));

        Assert.DoesNotContain("Chatter doubled", without, StringComparison.Ordinal);
        Assert.Contains("Chatter doubled overnight.", with, StringComparison.Ordinal);
    }

    internal static TrendsCardModel Model(int count, string term) => new(
        "last 24 hours",
        $"{term} is 4× its usual volume; 12% negative.",
        null,
        [.. Enumerable.Range(0, count).Select(i => new TrendItemView(
            $"{term} {i}",
            $"\"{term} {i}\"",
            "42 mentions",
            "+340%",
            "▁▃█",
            "12% negative · 40% positive",
            new TrendSampleView("@ada " + term, "12.3K followers", new Uri("https://x.example/status/1"))))]);
}
