using System.Text.Json.Nodes;
using SocialBot.Cards.AdaptiveCards;

namespace SocialBot.Cards.Trends;

/// <summary>The most-reached mention behind a term.</summary>
/// <param name="Author">Handle or name.</param>
/// <param name="Reach">Already humanized, e.g. "12.3K followers".</param>
/// <param name="Url">Link to the mention, when the source gave one.</param>
public sealed record TrendSampleView(string Author, string Reach, Uri? Url);

/// <summary>One rising term, every text already formatted.</summary>
/// <param name="Term">As written ("#LaunchDay").</param>
/// <param name="TrackQuery">The rule "Track this" creates (phrases quoted).</param>
/// <param name="Count">"42 mentions".</param>
/// <param name="Change">"+340%" or "new".</param>
/// <param name="Sparkline">Hourly volume in block characters.</param>
/// <param name="Tone">"12% negative · 30% positive".</param>
/// <param name="Sample">The most-reached mention, if any.</param>
public sealed record TrendItemView(string Term, string TrackQuery, string Count, string Change, string Sparkline, string Tone, TrendSampleView? Sample);

/// <summary>What the trends card shows.</summary>
/// <param name="Window">"last 24 hours".</param>
/// <param name="Headline">One sentence from the numbers.</param>
/// <param name="Narrative">Optional model-written summary.</param>
/// <param name="Items">Up to 8 rising terms, strongest first.</param>
public sealed record TrendsCardModel(string Window, string Headline, string? Narrative, IReadOnlyList<TrendItemView> Items);

/// <summary>The <c>trends</c> card.</summary>
public static class TrendsCard
{
    /// <summary>Creates a mention rule in the conversation (handled by Mentions).</summary>
    public const string TrackVerb = "mentions.track";

    /// <summary>Opens the draft form (handled by Drafts).</summary>
    public const string DraftVerb = "drafts.new";

    /// <summary>At most this many terms are shown.</summary>
    public const int MaxItems = 8;

    /// <summary>The card for <paramref name="model"/>; an empty list renders the "how to feed mentions" help.</summary>
    /// <param name="model">What to show.</param>
    public static AdaptiveCard Build(TrendsCardModel model)
    {
        var body = new List<CardElement>
        {
            new TextBlock { Text = $"Trending · {CardText.Plain(model.Window)}", Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true },
            new TextBlock { Text = CardText.Plain(model.Headline), Wrap = true, Spacing = Spacing.Small },
        };
        if (model.Narrative is { Length: > 0 } narrative)
        {
            body.Add(new TextBlock { Text = CardText.Plain(narrative), Wrap = true, IsSubtle = true, Spacing = Spacing.Small });
        }

        if (model.Items.Count == 0)
        {
            body.Add(new TextBlock
            {
                Text = "Feed me mentions and I'll tell you what is rising:\n\n" +
                       "- `track <words, #tags or @handles>` watches for them in this chat\n" +
                       "- `track feed <RSS or Atom URL>` reads a news or blog feed\n" +
                       "- your social listening tool can POST mentions to `/api/mentions`",
                Wrap = true,
                Spacing = Spacing.Medium,
            });
        }

        body.AddRange(model.Items.Take(MaxItems).Select(Item));
        var fallback = model.Items.Count == 0
            ? "Nothing is trending yet."
            : "Trending: " + string.Join(", ", model.Items.Take(MaxItems).Select(i => $"{i.Term} ({i.Change})"));
        return new AdaptiveCard { Body = body, FallbackText = CardText.Plain(fallback) };
    }

    private static Container Item(TrendItemView item, int index)
    {
        var items = new List<CardElement>
        {
            new ColumnSet
            {
                Columns =
                [
                    new Column
                    {
                        Width = ColumnWidth.Stretch,
                        Items = [new TextBlock { Text = $"{index + 1}. **{CardText.Plain(item.Term)}**", Wrap = true }],
                    },
                    new Column
                    {
                        Width = ColumnWidth.Auto,
                        Items = [new TextBlock { Text = CardText.Plain(item.Change), Weight = TextWeight.Bolder, Color = TextColor.Good, HorizontalAlignment = HorizontalAlignment.Right }],
                    },
                ],
            },
            new TextBlock
            {
                Text = $"{CardText.Plain(item.Sparkline)}  {CardText.Plain(item.Count)} · {CardText.Plain(item.Tone)}",
                Wrap = true,
                IsSubtle = true,
                Spacing = Spacing.None,
            },
        };
        if (item.Sample is { } sample)
        {
            var who = CardText.Plain($"Top mention by {sample.Author} ({sample.Reach})");
            items.Add(new TextBlock
            {
                Text = sample.Url is { } url ? $"[{who}]({url.AbsoluteUri})" : who,
                Wrap = true,
                Size = TextSize.Small,
                Spacing = Spacing.None,
            });
        }

        items.Add(new ActionSet
        {
            Actions =
            [
                new ExecuteAction { Title = "Track this", Verb = TrackVerb, Data = new JsonObject { ["query"] = item.TrackQuery } },
                new ExecuteAction { Title = "Draft a post", Verb = DraftVerb, Data = new JsonObject { ["text"] = item.Term + " " } },
            ],
        });
        return new Container { Items = items, Separator = index > 0, Spacing = Spacing.Medium };
    }
}
