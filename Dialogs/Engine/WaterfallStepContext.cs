using SocialBot.Dialogs.Engine.Prompts;

namespace SocialBot.Dialogs.Engine;

/// <summary>What a waterfall step sees and the decisions it can return.</summary>
/// <typeparam name="TState">The dialog's state record.</typeparam>
public sealed class WaterfallStepContext<TState>
    where TState : class
{
    private readonly DialogTurn turn;

    internal WaterfallStepContext(DialogTurn turn, TState state, int stepIndex, object? result)
    {
        this.turn = turn;
        State = state;
        StepIndex = stepIndex;
        Result = result;
    }

    /// <summary>The dialog state. Assign a new record (<c>ctx.State = ctx.State with { … }</c>) to change it.</summary>
    public TState State { get; set; }

    /// <summary>The zero-based index of the running step.</summary>
    public int StepIndex { get; }

    /// <summary>
    /// The value handed to this step: the previous prompt's answer, a child dialog's result, the
    /// <see cref="CardActionInput"/> of a submitted form, the value passed to <see cref="Next"/>, or
    /// <see langword="null"/> for the first step.
    /// </summary>
    public object? Result { get; }

    /// <summary>The input of the current turn, or <see langword="null"/> on the turn the dialog was begun.</summary>
    public DialogInput? Input => turn.Input;

    /// <summary>Gets <see cref="Result"/> as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The expected type.</typeparam>
    /// <exception cref="InvalidOperationException">The result is not a <typeparamref name="T"/>.</exception>
    public T ResultAs<T>() =>
        Result is T typed
            ? typed
            : throw new InvalidOperationException(
                $"Step {StepIndex} expected a {typeof(T).Name} but got {Result?.GetType().Name ?? "null"}.");

    /// <summary>Sends a text message this turn.</summary>
    /// <param name="text">The message.</param>
    public void Send(string text) => turn.Reply(new TextReply(text));

    /// <summary>Sends a card this turn.</summary>
    /// <param name="card">The card object; the engine carries it unchanged.</param>
    /// <param name="replacesActedOnCard">Whether the card replaces the card the user just acted on.</param>
    public void SendCard(object card, bool replacesActedOnCard = false) =>
        turn.Reply(new CardReply(card, replacesActedOnCard));

    /// <summary>Runs the next step in this turn, handing it <paramref name="result"/>.</summary>
    /// <param name="result">The value the next step sees as <see cref="Result"/>.</param>
    public DialogStepOutcome Next(object? result = null) => DialogStepOutcome.Next(result);

    /// <summary>Ends this dialog with <paramref name="result"/>; it flows to the parent's next step or to the turn result.</summary>
    /// <param name="result">The dialog's result.</param>
    public DialogStepOutcome End(object? result = null) =>
        DialogStepOutcome.For(new DialogOutcome.CompletedOutcome(result));

    /// <summary>Begins a child dialog; its result flows to this dialog's next step.</summary>
    /// <param name="dialogId">The child's id.</param>
    /// <param name="options">The child's options (for a waterfall, what its state is created from).</param>
    public DialogStepOutcome BeginChild(string dialogId, object? options = null) =>
        DialogStepOutcome.For(new DialogOutcome.BeginChildOutcome(dialogId, options));

    /// <summary>Ends this dialog and begins <paramref name="dialogId"/> in its place; the new dialog's result goes to this dialog's parent.</summary>
    /// <param name="dialogId">The replacing dialog's id.</param>
    /// <param name="options">The replacing dialog's options.</param>
    public DialogStepOutcome Replace(string dialogId, object? options = null) =>
        DialogStepOutcome.For(new DialogOutcome.ReplaceOutcome(dialogId, options));

    /// <summary>Cancels the whole stack, optionally telling the user why.</summary>
    /// <param name="message">The message to send, or <see langword="null"/> for none.</param>
    public DialogStepOutcome CancelAll(string? message = null) =>
        DialogStepOutcome.For(new DialogOutcome.CancelAllOutcome(message));

    /// <summary>Begins the prompt dialog <paramref name="promptId"/>; its answer flows to the next step.</summary>
    /// <param name="promptId">A built-in prompt id (<see cref="BuiltInPrompts"/>) or a registered <see cref="TextPrompt"/>.</param>
    /// <param name="options">What to ask.</param>
    public DialogStepOutcome Prompt(string promptId, PromptOptions options) => BeginChild(promptId, options);

    /// <summary>Asks for text; the next step gets a <see cref="string"/>.</summary>
    /// <param name="prompt">The question.</param>
    public DialogStepOutcome PromptText(string prompt) => Prompt(BuiltInPrompts.Text, new PromptOptions(prompt));

    /// <summary>Asks to pick one of <paramref name="choices"/>; the next step gets a <see cref="FoundChoice"/>.</summary>
    /// <param name="prompt">The question.</param>
    /// <param name="choices">The choices, listed numbered.</param>
    public DialogStepOutcome PromptChoice(string prompt, IReadOnlyList<string> choices) =>
        Prompt(BuiltInPrompts.Choice, new PromptOptions(prompt) { Choices = choices });

    /// <summary>Asks a yes/no question; the next step gets a <see cref="bool"/>.</summary>
    /// <param name="prompt">The question.</param>
    public DialogStepOutcome PromptConfirm(string prompt) => Prompt(BuiltInPrompts.Confirm, new PromptOptions(prompt));

    /// <summary>Asks for a number (invariant culture, inclusive range); the next step gets a <see cref="decimal"/>.</summary>
    /// <param name="prompt">The question.</param>
    /// <param name="min">The smallest accepted value, or <see langword="null"/>.</param>
    /// <param name="max">The largest accepted value, or <see langword="null"/>.</param>
    public DialogStepOutcome PromptNumber(string prompt, decimal? min = null, decimal? max = null) =>
        Prompt(BuiltInPrompts.Number, new PromptOptions(prompt) { Min = min, Max = max });
}
