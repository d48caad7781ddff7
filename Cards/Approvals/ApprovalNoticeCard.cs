using System.Text.Json.Nodes;
using SocialBot.Cards.AdaptiveCards;

namespace SocialBot.Cards.Approvals;

/// <summary>A 1:1 note about an approval request (to the author or an approver).</summary>
/// <param name="Title">Bold first line, e.g. "✏️ Changes requested on P-42".</param>
/// <param name="Text">What happened and what to do next.</param>
/// <param name="Excerpt">The start of the post text.</param>
/// <param name="EditDraftId">When set, an "Edit &amp; resubmit" button opens the draft form.</param>
/// <param name="Mentions">People @mentioned in <paramref name="Text"/> (escalations).</param>
public sealed record ApprovalNoticeModel(string Title, string Text, string? Excerpt = null, string? EditDraftId = null, IReadOnlyList<Mention>? Mentions = null);

/// <summary>Builds approval notices.</summary>
public static class ApprovalNoticeCard
{
    /// <summary>The notice card.</summary>
    /// <param name="model">What to show.</param>
    public static AdaptiveCard Build(ApprovalNoticeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var body = new List<CardElement>
        {
            new TextBlock { Text = CardText.Plain(model.Title), Weight = TextWeight.Bolder, Wrap = true },
            new TextBlock { Text = model.Text, Wrap = true },
        };
        if (!string.IsNullOrWhiteSpace(model.Excerpt))
        {
            var excerpt = ApprovalCard.Shorten(model.Excerpt, 300);
            body.Add(new TextBlock { Text = CardText.Plain(excerpt), Wrap = true, IsSubtle = true, MaxLines = 4 });
        }

        return new AdaptiveCard
        {
            Body = body,
            Actions = model.EditDraftId is { } id
                ? [new ExecuteAction { Title = "✏️ Edit & resubmit", Verb = ApprovalCard.EditVerb, Data = new JsonObject { ["draftId"] = id } }]
                : null,
            MsTeams = model.Mentions is { Count: > 0 } mentions ? new TeamsCardProperties { Entities = mentions } : null,
            FallbackText = model.Title,
        };
    }
}
