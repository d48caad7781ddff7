using System.Text.Json.Nodes;
using SocialBot.Cards.AdaptiveCards;

namespace SocialBot.Cards.Digest;

/// <summary>One section of the digest, every text already formatted.</summary>
/// <param name="Title">"Approvals".</param>
/// <param name="Facts">Label → value lines ("Waiting" → "3, oldest 2 days").</param>
/// <param name="Lines">Free lines under the facts (scheduled posts, top trends).</param>
public sealed record DigestSectionView(string Title, IReadOnlyList<Fact> Facts, IReadOnlyList<string> Lines);

/// <summary>What the digest card shows.</summary>
/// <param name="Title">"Daily digest · Tue 9 Dec".</param>
/// <param name="Sections">Non-empty sections, in order; none means a quiet day.</param>
/// <param name="LateNote">"Sent late: the bot was offline at 09:00." or null.</param>
/// <param name="ViewerLine">"2 approvals wait for you" for the viewer, or null.</param>
/// <param name="RefreshUserIds">Users who get their own view (approvers with waiting items); at most 60.</param>
public sealed record DigestCardModel(
    string Title,
    IReadOnlyList<DigestSectionView> Sections,
    string? LateNote,
    string? ViewerLine,
    IReadOnlyList<string> RefreshUserIds);

/// <summary>The daily digest card.</summary>
public static class DigestCard
{
    /// <summary>Refresh verb: returns the digest with the presser's own line.</summary>
    public const string RefreshVerb = "digest.refresh";

    /// <summary>The card for <paramref name="model"/>.</summary>
    /// <param name="model">What to show.</param>
    public static AdaptiveCard Build(DigestCardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var body = new List<CardElement>
        {
            new TextBlock { Text = CardText.Plain(model.Title), Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true },
        };
        if (model.LateNote is { Length: > 0 } late)
        {
            body.Add(new TextBlock { Text = CardText.Plain(late), Wrap = true, IsSubtle = true, Spacing = Spacing.Small });
        }

        if (model.ViewerLine is { Length: > 0 } viewer)
        {
            body.Add(new TextBlock { Text = CardText.Plain(viewer), Wrap = true, Weight = TextWeight.Bolder, Color = TextColor.Attention, Spacing = Spacing.Small });
        }

        if (model.Sections.Count == 0)
        {
            body.Add(new TextBlock { Text = "A quiet day: nothing waits, nothing is scheduled, nothing is trending.", Wrap = true, Spacing = Spacing.Medium });
        }

        foreach (var section in model.Sections)
        {
            body.Add(new TextBlock { Text = CardText.Plain(section.Title), Weight = TextWeight.Bolder, Wrap = true, Separator = true, Spacing = Spacing.Medium });
            if (section.Facts.Count > 0)
            {
                body.Add(new FactSet { Facts = [.. section.Facts.Select(f => new Fact(CardText.Plain(f.Title), CardText.Plain(f.Value)))] });
            }

            body.AddRange(section.Lines.Select(line => new TextBlock { Text = "- " + CardText.Plain(line), Wrap = true, Spacing = Spacing.Small }));
        }

        var userIds = model.RefreshUserIds.Distinct(StringComparer.Ordinal).Take(Refresh.MaxUserIds).ToArray();
        return new AdaptiveCard
        {
            Body = body,
            Refresh = userIds.Length == 0
                ? null
                : new Refresh { Action = new ExecuteAction { Title = "Refresh", Verb = RefreshVerb, Data = new JsonObject() }, UserIds = userIds },
            FallbackText = model.Sections.Count == 0 ? $"{model.Title}: a quiet day." : model.Title,
        };
    }
}
