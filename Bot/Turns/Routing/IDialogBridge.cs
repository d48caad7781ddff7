namespace SocialBot.Bot.Turns.Routing;

/// <summary>The router's view of the user's active multi-step flow in this conversation.</summary>
internal interface IDialogBridge
{
    /// <summary>Gives a message to the user's active dialog; false when there is none.</summary>
    Task<bool> TryContinueAsync(TurnContext turn, CancellationToken ct);

    /// <summary>Gives a card action to the active dialog when the card belongs to it; null when it does not.</summary>
    Task<CardActionResult?> TryContinueAsync(TurnContext turn, CardActionRequest action, CancellationToken ct);

    /// <summary>Ends every dialog of the user in this conversation; true when one was running.</summary>
    Task<bool> CancelAsync(TurnContext turn, CancellationToken ct);
}
