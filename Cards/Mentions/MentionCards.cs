using System.Text.Json.Nodes;
using SocialBot.Cards.AdaptiveCards;

namespace SocialBot.Cards.Mentions;

/// <summary>One mention on a card, every text already formatted.</summary>
/// <param name="Key">Stable id used by the buttons.</param>
/// <param name="Source">"X", "Reddit", …</param>
/// <param name="Author">"@fan (Fan Name)".</param>
/// <param name="Reach">"12.3K followers", or null when the source does not say (a feed article).</param>
/// <param name="Text">The mention text.</param>
/// <param name="Priority">"High", "Normal", "Low".</param>
/// <param name="Tone">"negative", "neutral", "positive".</param>
/// <param name="Reasons">Why it has that priority.</param>
/// <param name="Rule">The matched rule's query.</param>
/// <param name="Age">"5 minutes ago".</param>
/// <param name="Url">Link to the mention.</param>
/// <param name="Status">"Handled by Ada · 5 minutes ago", "Assigned to Ada", or null.</param>
/// <param name="IsHandled">Whether the handling buttons are hidden.</param>
public sealed record MentionView(string Key, string Source, string Author, string? Reach, string Text, string Priority, string Tone, IReadOnlyList<string> Reasons, string? Rule, string Age, Uri? Url, string? Status, bool IsHandled)
{
    /// <summary>"@ana · 12.3K followers · 5 minutes ago", leaving out what is unknown.</summary>
    public string Byline => Reach is { Length: > 0 } reach ? $"{Author} · {reach} · {Age}" : $"{Author} · {Age}";
}

/// <summary>Alert, batch summary and list cards for mentions.</summary>
public static class MentionCards
{
    /// <summary>Assign the mention to the presser.</summary>
    public const string AssignVerb = "mentions.assign";

    /// <summary>Mark the mention handled.</summary>
    public const string HandleVerb = "mentions.handle";

    /// <summary>Stop alerting on this author.</summary>
    public const string MuteVerb = "mentions.mute";

    /// <summary>Opens the draft form (handled by Drafts).</summary>
    public const string DraftReplyVerb = "drafts.new";

    /// <summary>Data field set on buttons inside a summary card, whose other mentions must stay on it.</summary>
    public const string SummaryMarker = "in";

    /// <summary>Data field carrying the matched rule's query on the alert's buttons.</summary>
    public const string RuleField = "rule";

    /// <summary>A single alert: who said what, why it matters, and what to do.</summary>
    /// <param name="mention">The mention.</param>
    public static AdaptiveCard Alert(MentionView mention) => new()
    {
        Body =
        [
            new TextBlock { Text = $"{(mention.Priority == "High" ? "🔴" : "🟡")} {CardText.Plain(mention.Priority)}-priority mention on {CardText.Plain(mention.Source)}", Weight = TextWeight.Bolder, Size = TextSize.Medium, Wrap = true },
            .. Body(mention),
        ],
        Actions = Actions(mention),
        FallbackText = CardText.Plain($"{mention.Author} on {mention.Source}: {Shorten(mention.Text, 200)}"),
    };

    /// <summary>Several mentions in one card: the 15-minute batch or the <c>mentions</c> command.</summary>
    /// <param name="title">"7 new mentions".</param>
    /// <param name="mentions">At most 10 are shown.</param>
    /// <param name="more">How many are not shown.</param>
    public static AdaptiveCard Summary(string title, IReadOnlyList<MentionView> mentions, long more)
    {
        var body = new List<CardElement> { new TextBlock { Text = CardText.Plain(title), Weight = TextWeight.Bolder, Size = TextSize.Medium, Wrap = true } };
        if (mentions.Count == 0)
        {
            body.Add(new TextBlock { Text = "Nothing waiting. Add rules with **track <words, #tags or @handles>**.", Wrap = true });
        }

        foreach (var mention in mentions.Take(10))
        {
            body.Add(new Container { Items = [.. Body(mention), new ActionSet { Actions = Actions(mention, inSummary: true) }], Separator = true, Spacing = Spacing.Medium });
        }

        if (more > 0)
        {
            body.Add(new TextBlock { Text = more == 1 ? "…and 1 more mention." : $"…and {more} more mentions.", IsSubtle = true, Wrap = true });
        }

        return new AdaptiveCard { Body = body, FallbackText = CardText.Plain(title) };
    }

    private static IEnumerable<CardElement> Body(MentionView mention)
    {
        yield return new TextBlock { Text = CardText.Plain(mention.Byline), IsSubtle = true, Wrap = true, Spacing = Spacing.None };
        yield return new TextBlock { Text = CardText.Plain(Shorten(mention.Text, 1_000)), Wrap = true };
        var facts = new List<Fact> { new("Tone", CardText.Plain(mention.Tone)) };
        if (mention.Reasons.Count > 0)
        {
            facts.Add(new Fact("Why", CardText.Plain(string.Join(", ", mention.Reasons))));
        }

        if (mention.Rule is { } rule)
        {
            facts.Add(new Fact("Rule", CardText.Plain(rule)));
        }

        yield return new FactSet { Facts = facts };
        if (mention.Status is { } status)
        {
            yield return new TextBlock { Text = CardText.Plain(status), Color = mention.IsHandled ? TextColor.Good : TextColor.Accent, Weight = TextWeight.Bolder, Wrap = true };
        }
    }

    private static IReadOnlyList<CardAction> Actions(MentionView mention, bool inSummary = false)
    {
        var key = new JsonObject { ["mention"] = mention.Key };
        if (mention.Rule is { } rule)
        {
            // Echoed back so the card that replaces this one still says which rule matched.
            key[RuleField] = rule;
        }

        if (inSummary)
        {
            key[SummaryMarker] = "summary";
        }

        var actions = new List<CardAction>();
        if (mention.Url is { } url)
        {
            actions.Add(new OpenUrlAction { Title = "Open", Url = url });
        }

        if (!mention.IsHandled)
        {
            actions.Add(new ExecuteAction { Title = "Assign to me", Verb = AssignVerb, Data = (JsonObject)key.DeepClone() });
            actions.Add(new ExecuteAction { Title = "Mark handled", Verb = HandleVerb, Data = (JsonObject)key.DeepClone() });
        }

        var reply = new JsonObject { ["text"] = $"Reply to {mention.Author}: ", ["urgent"] = "true" };
        if (mention.Url is { } replyTo)
        {
            reply["replyToUrl"] = replyTo.AbsoluteUri;
        }

        actions.Add(new ExecuteAction { Title = "Draft reply", Verb = DraftReplyVerb, Data = reply });
        actions.Add(new ExecuteAction { Title = "Mute author", Verb = MuteVerb, Data = (JsonObject)key.DeepClone() });
        return actions;
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..length].TrimEnd() + "…";
}
