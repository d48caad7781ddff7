namespace SocialBot.Dialogs.Engine;

/// <summary>
/// What a waterfall step decided. Create it with the methods of <see cref="WaterfallStepContext{TState}"/>
/// (<c>Next</c>, <c>End</c>, <c>Prompt…</c>, <c>BeginChild</c>, <c>Replace</c>, <c>CancelAll</c>).
/// </summary>
public sealed class DialogStepOutcome
{
    private DialogStepOutcome(DialogOutcome? stackOutcome, object? nextResult)
    {
        StackOutcome = stackOutcome;
        NextResult = nextResult;
    }

    /// <summary>The stack operation, or <see langword="null"/> to run the next step in the same turn.</summary>
    internal DialogOutcome? StackOutcome { get; }

    internal object? NextResult { get; }

    internal static DialogStepOutcome Next(object? result) => new(null, result);

    internal static DialogStepOutcome For(DialogOutcome outcome) => new(outcome, null);
}
