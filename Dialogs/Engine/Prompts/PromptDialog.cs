using System.Text.Json;

namespace SocialBot.Dialogs.Engine.Prompts;

/// <summary>
/// A dialog that asks one question, re-asks on invalid input and ends with the recognized answer. After
/// <see cref="DialogOptions.MaxReprompts"/> re-prompts, the next invalid answer cancels the whole stack.
/// </summary>
public abstract class PromptDialog : Dialog
{
    internal const string TooManyAttemptsMessage =
        "Sorry, I still didn't get that, so I've stopped here. You can start again whenever you like.";

    private protected PromptDialog(string id)
        : base(id)
    {
    }

    internal override object CreateState(object? options) =>
        options is PromptOptions prompt
            ? new PromptState(prompt, 0)
            : throw new ArgumentException($"Prompt '{Id}' needs {nameof(PromptOptions)}.", nameof(options));

    internal override void WriteState(Utf8JsonWriter writer, object state) =>
        JsonSerializer.Serialize(writer, (PromptState)state, PromptJsonContext.Default.PromptState);

    internal override object ReadState(JsonElement json) =>
        json.Deserialize(PromptJsonContext.Default.PromptState) ?? throw new JsonException($"Prompt '{Id}' has a null state.");

    internal override ValueTask<DialogOutcome> BeginAsync(DialogTurn turn, DialogFrame frame, CancellationToken cancellationToken)
    {
        turn.Reply(new TextReply(FormatPrompt(((PromptState)frame.State).Options)));
        return ValueTask.FromResult(DialogOutcome.Waiting);
    }

    internal override ValueTask<DialogOutcome> ContinueAsync(DialogTurn turn, DialogFrame frame, DialogInput input, CancellationToken cancellationToken)
    {
        var state = (PromptState)frame.State;
        var recognition = input is TextInput text
            ? Recognize(text.Text.Trim(), state.Options)
            : PromptRecognition.Failed(null);
        if (recognition.Succeeded)
        {
            return ValueTask.FromResult<DialogOutcome>(new DialogOutcome.CompletedOutcome(recognition.Value));
        }

        if (state.Reprompts >= turn.Options.MaxReprompts)
        {
            return ValueTask.FromResult<DialogOutcome>(new DialogOutcome.CancelAllOutcome(TooManyAttemptsMessage));
        }

        frame.State = state with { Reprompts = state.Reprompts + 1 };
        turn.Reply(new TextReply(recognition.Error ?? state.Options.RetryPrompt ?? FormatPrompt(state.Options)));
        return ValueTask.FromResult(DialogOutcome.Waiting);
    }

    internal override ValueTask<DialogOutcome> ResumeAsync(DialogTurn turn, DialogFrame frame, object? childResult, CancellationToken cancellationToken) =>
        ValueTask.FromResult(DialogOutcome.Waiting);

    internal virtual string FormatPrompt(PromptOptions options) => options.Prompt;

    /// <summary>Recognizes the trimmed <paramref name="text"/>.</summary>
    internal abstract PromptRecognition Recognize(string text, PromptOptions options);
}

internal readonly record struct PromptRecognition(bool Succeeded, object? Value, string? Error)
{
    public static PromptRecognition Success(object value) => new(true, value, null);

    public static PromptRecognition Failed(string? error) => new(false, null, error);
}
