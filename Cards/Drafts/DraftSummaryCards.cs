using System.Text.Json.Nodes;
using SocialBot.Cards.AdaptiveCards;
using SocialBot.Cards.Onboarding;

namespace SocialBot.Cards.Drafts;

/// <summary>One draft in a list or confirmation, every text already formatted.</summary>
/// <param name="Id">"P-42".</param>
/// <param name="Status">"Draft", "Waiting for approval", …</param>
/// <param name="Excerpt">The start of the text.</param>
/// <param name="Age">"created 3 hours ago".</param>
/// <param name="Publish">"publishes in 2 days, Tue 10:00 CET", or null.</param>
/// <param name="Counters">"X 213/280" per network.</param>
/// <param name="CanEdit">Whether the viewer may still edit it.</param>
public sealed record DraftLine(string Id, string Status, string Excerpt, string Age, string? Publish, IReadOnlyList<string> Counters, bool CanEdit);

/// <summary>One event of a draft's timeline.</summary>
/// <param name="What">"Submitted by Megan".</param>
/// <param name="When">"3 hours ago".</param>
/// <param name="Detail">A comment or reason.</param>
public sealed record DraftTimelineLine(string What, string When, string? Detail);

/// <summary>Confirmation, "my drafts" and history cards.</summary>
public static class DraftSummaryCards
{
    /// <summary>Opens the draft form for an existing draft (handled by Drafts).</summary>
    public const string EditVerb = "drafts.edit";

    /// <summary>Opens an empty draft form.</summary>
    public const string NewVerb = "drafts.new";

    /// <summary>After Save or Submit: what happened to the draft.</summary>
    /// <param name="headline">"P-42 sent for approval".</param>
    /// <param name="draft">The draft.</param>
    /// <param name="warnings">Rule warnings to keep in mind.</param>
    public static AdaptiveCard Confirmation(string headline, DraftLine draft, IReadOnlyList<string> warnings)
    {
        var body = new List<CardElement>
        {
            new TextBlock { Text = "✅ " + CardText.Plain(headline), Size = TextSize.Medium, Weight = TextWeight.Bolder, Wrap = true },
            Line(draft),
        };
        if (warnings.Count > 0)
        {
            body.Add(new TextBlock { Text = string.Join("\n", warnings.Select(w => "- " + CardText.Plain(w))), Wrap = true, Color = TextColor.Warning, Size = TextSize.Small });
        }

        return new AdaptiveCard { Body = body, Actions = Actions(draft), FallbackText = CardText.Plain(headline) };
    }

    /// <summary>Shows another page of "my drafts" in place of the card.</summary>
    public const string PageVerb = "drafts.page";

    /// <summary>The viewer's drafts, newest first, one page at a time.</summary>
    /// <param name="drafts">The drafts of this page.</param>
    /// <param name="more">How many more exist beyond this page.</param>
    /// <param name="page">Zero-based page number.</param>
    public static AdaptiveCard MyDrafts(IReadOnlyList<DraftLine> drafts, int more, int page = 0)
    {
        var body = new List<CardElement> { new TextBlock { Text = page == 0 ? "My drafts" : $"My drafts · page {page + 1}", Size = TextSize.Large, Weight = TextWeight.Bolder } };
        if (drafts.Count == 0 && page > 0)
        {
            body.Add(new TextBlock { Text = "No drafts on this page any more.", Wrap = true });
            return new AdaptiveCard { Body = body, Actions = [PageButton("Back to the newest", 0)], FallbackText = "No drafts on this page any more." };
        }

        if (drafts.Count == 0)
        {
            body.Add(new TextBlock { Text = "You have no drafts yet. Type **new post** or press the button to write one.", Wrap = true });
            return new AdaptiveCard { Body = body, Actions = [new ExecuteAction { Title = "✍️ New post", Verb = NewVerb, Data = [] }], FallbackText = "You have no drafts yet." };
        }

        foreach (var draft in drafts)
        {
            body.Add(new Container { Items = [Line(draft), new ActionSet { Actions = Actions(draft) }], Separator = true, Spacing = Spacing.Medium });
        }

        var paging = new List<CardAction>();
        if (page > 0)
        {
            paging.Add(PageButton("Newer", page - 1));
        }

        if (more > 0)
        {
            body.Add(new TextBlock { Text = more == 1 ? "…and 1 older draft." : $"…and {more} older drafts.", IsSubtle = true, Wrap = true });
            paging.Add(PageButton("Older", page + 1));
        }

        return new AdaptiveCard { Body = body, Actions = paging, FallbackText = $"You have {drafts.Count + more} drafts." };
    }

    private static ExecuteAction PageButton(string title, int page) =>
        new() { Title = title, Verb = PageVerb, Data = new JsonObject { ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) } };

    /// <summary>The timeline of one draft.</summary>
    /// <param name="draft">The draft.</param>
    /// <param name="events">Oldest first.</param>
    public static AdaptiveCard History(DraftLine draft, IReadOnlyList<DraftTimelineLine> events) => new()
    {
        Body =
        [
            new TextBlock { Text = $"History of {CardText.Plain(draft.Id)}", Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true },
            Line(draft),
            new FactSet { Facts = [.. events.Select(e => new Fact(CardText.Plain(e.When), CardText.Plain(e.Detail is { Length: > 0 } detail ? $"{e.What}: “{detail}”" : e.What)))] },
        ],
        FallbackText = $"History of {CardText.Plain(draft.Id)}",
    };

    private static Container Line(DraftLine draft)
    {
        var facts = new List<string> { draft.Status, draft.Age };
        if (draft.Publish is { } publish)
        {
            facts.Add(publish);
        }

        return new Container
        {
            Items =
            [
                new TextBlock { Text = $"**{CardText.Plain(draft.Id)}** · {CardText.Plain(string.Join(" · ", facts))}", Wrap = true },
                new TextBlock { Text = CardText.Plain(draft.Excerpt), Wrap = true, MaxLines = 4, Spacing = Spacing.Small },
                new TextBlock { Text = CardText.Plain(string.Join(" · ", draft.Counters)), Wrap = true, IsSubtle = true, Size = TextSize.Small, Spacing = Spacing.None },
            ],
        };
    }

    private static IReadOnlyList<CardAction> Actions(DraftLine draft)
    {
        var actions = new List<CardAction>();
        if (draft.CanEdit)
        {
            actions.Add(new ExecuteAction { Title = "Edit", Verb = EditVerb, Data = new JsonObject { ["draftId"] = draft.Id } });
        }

        actions.Add(new ExecuteAction { Title = "History", Verb = HelpCard.RunCommandVerb, Data = new JsonObject { ["command"] = "history " + draft.Id } });
        return actions;
    }
}
