using System.Text.Json.Nodes;
using SocialBot.Cards.AdaptiveCards;

namespace SocialBot.Cards.Mentions;

/// <summary>A spike in one rule's volume, every text already formatted.</summary>
/// <param name="RuleId">The rule, echoed by the buttons.</param>
/// <param name="Rule">The rule's query.</param>
/// <param name="Headline">"42 mentions in the last hour, 6× the usual".</param>
/// <param name="Sparkline">Hourly volume of the last 24 hours.</param>
/// <param name="TopTerms">The most frequent terms in the spike's mentions.</param>
/// <param name="Samples">Up to three mentions, most reached first.</param>
/// <param name="Freeze">"Frozen 3 scheduled posts · by Ada · 2 minutes ago", or null while nothing is frozen.</param>
/// <param name="NothingFrozen">The last Freeze found no post to hold: the status is shown and Freeze is offered again.</param>
public sealed record SpikeView(string RuleId, string Rule, string Headline, string Sparkline, IReadOnlyList<string> TopTerms, IReadOnlyList<MentionView> Samples, string? Freeze, bool NothingFrozen = false);

/// <summary>The spike alert with "Freeze scheduled posts" / "Unfreeze".</summary>
public static class SpikeCard
{
    /// <summary>Holds every approved-but-unpublished post.</summary>
    public const string FreezeVerb = "mentions.spike.freeze";

    /// <summary>Releases what a freeze held.</summary>
    public const string UnfreezeVerb = "mentions.spike.unfreeze";

    /// <summary>The card.</summary>
    /// <param name="spike">What to show.</param>
    public static AdaptiveCard Build(SpikeView spike)
    {
        ArgumentNullException.ThrowIfNull(spike);
        var body = new List<CardElement>
        {
            new TextBlock { Text = "📈 Mention spike", Size = TextSize.Large, Weight = TextWeight.Bolder, Color = TextColor.Attention, Wrap = true },
            new TextBlock { Text = CardText.Plain(spike.Headline), Weight = TextWeight.Bolder, Wrap = true, Spacing = Spacing.Small },
            new FactSet
            {
                Facts =
                [
                    new Fact("Rule", CardText.Plain(spike.Rule)),
                    new Fact("Last 24 hours", CardText.Plain(spike.Sparkline)),
                    .. spike.TopTerms.Count == 0 ? Array.Empty<Fact>() : [new Fact("Top terms", CardText.Plain(string.Join(", ", spike.TopTerms)))],
                ],
            },
        };
        foreach (var sample in spike.Samples.Take(3))
        {
            body.Add(new TextBlock { Text = CardText.Plain(sample.Byline), IsSubtle = true, Wrap = true, Separator = true });
            body.Add(new TextBlock { Text = CardText.Plain(sample.Text.Length <= 300 ? sample.Text : sample.Text[..300] + "…"), Wrap = true, Spacing = Spacing.None });
        }

        if (spike.Freeze is { } freeze)
        {
            body.Add(new TextBlock { Text = CardText.Plain(freeze), Color = TextColor.Warning, Weight = TextWeight.Bolder, Wrap = true, Separator = true });
        }

        var data = new JsonObject { ["rule"] = spike.RuleId };
        return new AdaptiveCard
        {
            Body = body,
            Actions =
            [
                spike.Freeze is null || spike.NothingFrozen
                    ? new ExecuteAction { Title = "Freeze scheduled posts", Verb = FreezeVerb, Data = data }
                    : new ExecuteAction { Title = "Unfreeze", Verb = UnfreezeVerb, Data = data },
            ],
            FallbackText = CardText.Plain("Mention spike: " + spike.Headline),
        };
    }
}
