namespace SocialBot.Dialogs.Engine;

/// <summary>What a dialog asks the stack to do next.</summary>
internal abstract record DialogOutcome
{
    public static readonly DialogOutcome Waiting = new WaitingOutcome();

    internal sealed record WaitingOutcome : DialogOutcome;

    internal sealed record CompletedOutcome(object? Result) : DialogOutcome;

    internal sealed record BeginChildOutcome(string DialogId, object? Options) : DialogOutcome;

    internal sealed record ReplaceOutcome(string DialogId, object? Options) : DialogOutcome;

    internal sealed record CancelAllOutcome(string? Message) : DialogOutcome;
}
