using SocialBot.Bot.State;
using SocialBot.Bot.Turns.Routing;
using SocialBot.Cards.AdaptiveCards;
using SocialBot.Dialogs.Engine;

namespace SocialBot.Bot.Turns;

/// <summary>A feature's side effect when one of its dialogs completes (dialogs gather input; features act on it).</summary>
internal interface IDialogCompletion
{
    string DialogId { get; }

    /// <returns>What the person sees in place of the card they acted on, or null to keep the dialog's own replies.</returns>
    Task<CardActionResult?> CompleteAsync(TurnContext turn, object? result, CancellationToken ct);
}

/// <summary>Connects turns to the dialog engine: builds inputs from activities and delivers replies as messages or card updates.</summary>
internal sealed class DialogBridge(DialogRunner runner, IEnumerable<IDialogCompletion> completions) : IDialogBridge
{
    private readonly Dictionary<string, IDialogCompletion> completions = completions.ToDictionary(c => c.DialogId, StringComparer.Ordinal);

    public async Task<bool> TryContinueAsync(TurnContext turn, CancellationToken ct)
    {
        var result = await runner.RunAsync(Scope(turn), new SocialBot.Dialogs.Engine.TextInput(turn.Command.Text), ct);
        if (result.Status is DialogTurnStatus.NoActiveDialog or DialogTurnStatus.PassedThrough)
        {
            return false;
        }

        await DeliverAsync(turn, result, isCardAction: false, ct);
        return true;
    }

    public async Task<CardActionResult?> TryContinueAsync(TurnContext turn, CardActionRequest action, CancellationToken ct)
    {
        // Only cards sent by a dialog's form step carry a form token; everything else is routed by verb.
        if (action.GetString("formToken") is not { Length: > 0 } token)
        {
            return null;
        }

        var result = await runner.RunAsync(Scope(turn), new CardActionInput(action.Verb, action.Data, token), ct);
        if (result.Status is DialogTurnStatus.PassedThrough)
        {
            return null;
        }

        if (result.Status is DialogTurnStatus.NoActiveDialog)
        {
            return CardActionResult.WithMessage("That form is out of date — it was already sent or cancelled. Type **help** to start again.");
        }

        return await DeliverAsync(turn, result, isCardAction: true, ct) ?? CardActionResult.WithMessage("Got it.");
    }

    public async Task<bool> CancelAsync(TurnContext turn, CancellationToken ct) =>
        (await runner.CancelAllAsync(Scope(turn), ct)).Status == DialogTurnStatus.Cancelled;

    /// <summary>Starts a dialog for the user of this turn, replacing any flow they had open here.</summary>
    public async Task<CardActionResult?> BeginAsync(TurnContext turn, string dialogId, object? options, bool fromCardAction, CancellationToken ct)
    {
        var result = await runner.BeginAsync(Scope(turn), dialogId, options, ct);
        return await DeliverAsync(turn, result, fromCardAction, ct);
    }

    private async Task<CardActionResult?> DeliverAsync(TurnContext turn, DialogTurnResult result, bool isCardAction, CancellationToken ct)
    {
        CardActionResult? actedOn = null;
        foreach (var reply in result.Replies)
        {
            switch (reply)
            {
                case TextReply text when isCardAction && actedOn is null && result.Status == DialogTurnStatus.Stale:
                    actedOn = CardActionResult.WithMessage(text.Text);
                    break;
                case TextReply text:
                    await turn.SendTextAsync(text.Text, ct);
                    break;
                case CardReply { Card: AdaptiveCard card, ReplacesActedOnCard: true } when isCardAction:
                    actedOn = CardActionResult.WithCard(card);
                    break;
                case CardReply { Card: AdaptiveCard card }:
                    await turn.SendCardAsync(card, ct);
                    break;
                default:
                    throw new InvalidOperationException($"A dialog produced a reply the bot cannot send: {reply.GetType().Name}.");
            }
        }

        if (result.Status == DialogTurnStatus.Completed && result.CompletedDialogId is { } id && completions.TryGetValue(id, out var completion))
        {
            actedOn = await completion.CompleteAsync(turn, result.Result, ct) ?? actedOn;
        }

        return actedOn;
    }

    private static DialogScope Scope(TurnContext turn) =>
        new(StoreKey.TenantOrDefault(turn.TenantId), turn.ConversationId, turn.User.Id);
}
