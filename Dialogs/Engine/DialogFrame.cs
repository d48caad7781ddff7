namespace SocialBot.Dialogs.Engine;

/// <summary>One running dialog instance on a stack.</summary>
internal sealed class DialogFrame(string dialogId, object state)
{
    public string DialogId { get; } = dialogId;

    public object State { get; set; } = state;

    public int Step { get; set; }

    /// <summary>The token of the form this frame waits for, when it waits on a card-form step.</summary>
    public string? FormToken { get; set; }
}
