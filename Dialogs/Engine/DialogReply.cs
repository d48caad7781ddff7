namespace SocialBot.Dialogs.Engine;

/// <summary>
/// Something the bot sends back in a turn. A closed hierarchy: <see cref="TextReply"/> or <see cref="CardReply"/>.
/// </summary>
public abstract record DialogReply
{
    private protected DialogReply()
    {
    }
}

/// <summary>A plain text message.</summary>
/// <param name="Text">The message text.</param>
public sealed record TextReply(string Text) : DialogReply;

/// <summary>
/// A card. The engine does not know the card model: <paramref name="Card"/> is carried as is and the bot layer sends it.
/// </summary>
/// <param name="Card">The card object built by a card factory.</param>
/// <param name="ReplacesActedOnCard">
/// <see langword="true"/> when the card should replace the card the user just acted on
/// (the Universal Action response), rather than be sent as a new message.
/// </param>
/// <param name="FormToken">The form token embedded in the card when it is a dialog form; otherwise <see langword="null"/>.</param>
public sealed record CardReply(object Card, bool ReplacesActedOnCard = false, string? FormToken = null) : DialogReply;
