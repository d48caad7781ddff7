namespace SocialBot.Dialogs.Engine;

/// <summary>What a card-form step's card builder gets to build the form card.</summary>
/// <typeparam name="TState">The dialog state type.</typeparam>
/// <param name="State">The dialog state.</param>
/// <param name="FormToken">
/// A fresh random token for this send of the form. The card must carry it as <c>data.formToken</c> on its
/// submitting actions; only a submit with this token advances the dialog.
/// </param>
/// <param name="ErrorMessage">The validation message to show in the card when the previous submit was rejected.</param>
public sealed record FormRequest<TState>(TState State, string FormToken, string? ErrorMessage);
