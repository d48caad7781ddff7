using SocialBot.Bot.Turns;
using SocialBot.Bot.Turns.Routing;
using SocialBot.Cards.Drafts;

namespace SocialBot.Bot.Features.Drafts;

/// <summary>The form's Check, Save draft and Submit for approval buttons in a chat.</summary>
internal sealed class DraftFormButton(string verb, DraftFormAction action, DraftWorkflow workflow, DraftTurns turns) : ICardActionHandler
{
    public string Verb { get; } = verb;

    public static IEnumerable<(string Verb, DraftFormAction Action)> All =>
    [
        (DraftFormCard.CheckVerb, DraftFormAction.Check),
        (DraftFormCard.SaveVerb, DraftFormAction.Save),
        (DraftFormCard.SubmitVerb, DraftFormAction.Submit),
    ];

    public async Task<CardActionResult> ExecuteAsync(TurnContext turn, CardActionRequest request, CancellationToken ct)
    {
        var zone = turns.ZoneOf(turn);
        var input = DraftForm.Read(request.Data, zone);
        var origin = new DraftOrigin(turn.ConversationId, request.GetString(DraftForm.SourceUrlField), request.GetString(DraftForm.ReplyToUrlField), turn.Activity.ChannelData?.Team?.Id);
        var result = await workflow.HandleAsync(action, turn.TenantId, DraftTurns.Actor(turn), input, zone, origin, inDialog: false, ct).ConfigureAwait(false);
        return CardActionResult.WithCard(result.Card);
    }
}

/// <summary><c>drafts.new</c>: posts a prefilled draft form (from "Draft a post" on trends, "Draft reply" on mentions).</summary>
internal sealed class NewDraftButton(DraftPresenter presenter, DraftTurns turns) : ICardActionHandler
{
    public string Verb => DraftSummaryCards.NewVerb;

    public async Task<CardActionResult> ExecuteAsync(TurnContext turn, CardActionRequest request, CancellationToken ct)
    {
        var fields = new DraftFormFields
        {
            Text = (request.GetString("text") ?? string.Empty).Trim(),
            Urgent = string.Equals(request.GetString("urgent"), "true", StringComparison.OrdinalIgnoreCase),
        };
        var origin = new DraftOrigin(turn.ConversationId, request.GetString(DraftForm.SourceUrlField), request.GetString(DraftForm.ReplyToUrlField));
        var title = origin.ReplyToUrl is null ? "New post" : "Reply draft";
        await turn.SendCardAsync(DraftFormCard.Build(presenter.Form(title, fields, turns.ZoneOf(turn), null, null, origin: origin)), ct).ConfigureAwait(false);
        return CardActionResult.WithMessage("Here's a draft form — it's the newest message in this chat.");
    }
}

/// <summary><c>drafts.edit</c>: posts the form prefilled with the author's draft.</summary>
internal sealed class EditDraftButton(IDraftStore store, DraftPresenter presenter, DraftTurns turns) : ICardActionHandler
{
    public string Verb => DraftSummaryCards.EditVerb;

    public async Task<CardActionResult> ExecuteAsync(TurnContext turn, CardActionRequest request, CancellationToken ct)
    {
        if (!DraftId.TryParse(request.GetString("draftId"), out var id) || await store.GetAsync(turn.TenantId, id, ct).ConfigureAwait(false) is not { } draft)
        {
            return CardActionResult.WithMessage("I can't find that draft any more. **my drafts** lists yours.");
        }

        if (!string.Equals(draft.Author.Id, turn.User.Id, StringComparison.Ordinal))
        {
            return CardActionResult.WithMessage($"Only {draft.Author.Name ?? "the author"} can edit {draft.Id}.");
        }

        if (draft.Status is not (DraftStatus.Draft or DraftStatus.ChangesRequested or DraftStatus.Submitted))
        {
            return CardActionResult.WithMessage($"{draft.Id} is {DraftPresenter.StatusText(draft.Status).ToLowerInvariant()} and can't be edited any more.");
        }

        var zone = turns.ZoneOf(turn);
        var report = presenter.Check(draft.Content);
        await turn.SendCardAsync(DraftFormCard.Build(presenter.Form($"Edit {draft.Id}", DraftForm.FieldsOf(draft.Content, zone), zone, draft.Id, draft.ContentVersion, report: report, origin: draft.Origin)), ct).ConfigureAwait(false);
        return CardActionResult.WithMessage($"The edit form for {draft.Id} is the newest message in this chat.");
    }
}
