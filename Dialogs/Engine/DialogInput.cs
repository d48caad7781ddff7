using System.Text.Json;

namespace SocialBot.Dialogs.Engine;

/// <summary>
/// What the user sent in one turn. A closed hierarchy: <see cref="TextInput"/> or <see cref="CardActionInput"/>.
/// </summary>
public abstract record DialogInput
{
    private protected DialogInput()
    {
    }
}

/// <summary>A plain text message (mention markup already removed by the caller).</summary>
/// <param name="Text">The message text.</param>
public sealed record TextInput(string Text) : DialogInput;

/// <summary>A card action (Adaptive Card <c>Action.Execute</c> or <c>Action.Submit</c>).</summary>
/// <param name="Verb">The action verb, for example <c>drafts.submit</c>.</param>
/// <param name="Data">The action data merged with the card's input values.</param>
/// <param name="FormToken">
/// The <c>data.formToken</c> value the card carried, or <see langword="null"/> when the card was not sent by a dialog form step.
/// </param>
public sealed record CardActionInput(string Verb, JsonElement Data, string? FormToken) : DialogInput;
