using System.Globalization;
using SocialBot.Bot.Features.Drafts;
using SocialBot.Bot.Turns;
using SocialBot.Bot.Turns.Routing;
using SocialBot.Cards.Approvals;

namespace SocialBot.Bot.Features.Approvals;

/// <summary><c>approvals.refresh</c>: the user-specific view of an approval card.</summary>
internal sealed class ApprovalRefreshAction(ApprovalWorkflow workflow) : ICardActionHandler
{
    public string Verb => ApprovalCard.RefreshVerb;

    public async Task<CardActionResult> ExecuteAsync(TurnContext turn, CardActionRequest action, CancellationToken ct)
    {
        if (action.GetString("draftId") is not { Length: > 0 } draftId)
        {
            return CardActionResult.WithMessage("This card is missing its post id; ask the author to submit again.");
        }

        var card = await workflow.ViewAsync(turn.TenantId, draftId, ApprovalPresses.Person(turn), null, ct);
        return card is null
            ? CardActionResult.WithMessage($"I can't find the approval request for {draftId} any more.")
            : CardActionResult.WithCard(card);
    }
}

/// <summary>Approve, request changes, reject, withdraw and mark published: one handler per verb.</summary>
internal sealed class ApprovalPressAction(ApprovalWorkflow workflow, string verb, ApprovalAction kind) : ICardActionHandler
{
    public string Verb => verb;

    public async Task<CardActionResult> ExecuteAsync(TurnContext turn, CardActionRequest action, CancellationToken ct)
    {
        if (action.GetString("draftId") is not { Length: > 0 } draftId)
        {
            return CardActionResult.WithMessage("This card is missing its post id; ask the author to submit again.");
        }

        int? version = int.TryParse(action.GetString("version"), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
        var comment = kind switch
        {
            ApprovalAction.RequestChanges => action.GetString("comment"),
            ApprovalAction.Reject => action.GetString("reason"),
            ApprovalAction.MarkPublished => ValidUrl(action.GetString("publishedUrl")),
            _ => null,
        };
        var edited = kind == ApprovalAction.Approve ? action.GetString("editedText") : null;
        var result = await workflow.PressAsync(turn.TenantId, draftId, ApprovalPresses.Person(turn), kind, comment, version, edited, ct);
        return result.Card is { } card ? CardActionResult.WithCard(card) : CardActionResult.WithMessage(result.Message);
    }

    private static string? ValidUrl(string? text) =>
        Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.ToString()
            : null;
}

internal static class ApprovalPresses
{
    public static DraftPerson Person(TurnContext turn) => new(turn.User.Id, turn.User.ChannelAccountId, turn.User.Name);
}
