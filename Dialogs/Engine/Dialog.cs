using System.Text.Json;

namespace SocialBot.Dialogs.Engine;

/// <summary>
/// A dialog that can run on a stack. Build dialogs with <see cref="WaterfallDialog{TState}"/> and
/// <see cref="Prompts.TextPrompt"/>; register them in a <see cref="DialogSet"/>.
/// </summary>
public abstract class Dialog
{
    private protected Dialog(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Id = id;
    }

    /// <summary>The stable id of the dialog. It is persisted with the stack, so renaming it abandons running instances.</summary>
    public string Id { get; }

    internal virtual void Seal()
    {
    }

    internal abstract object CreateState(object? options);

    internal abstract void WriteState(Utf8JsonWriter writer, object state);

    internal abstract object ReadState(JsonElement json);

    internal abstract ValueTask<DialogOutcome> BeginAsync(DialogTurn turn, DialogFrame frame, CancellationToken cancellationToken);

    /// <summary>Handles the user's input while this dialog is on top of the stack.</summary>
    internal abstract ValueTask<DialogOutcome> ContinueAsync(DialogTurn turn, DialogFrame frame, DialogInput input, CancellationToken cancellationToken);

    /// <summary>Resumes this dialog after a child it began completed.</summary>
    internal abstract ValueTask<DialogOutcome> ResumeAsync(DialogTurn turn, DialogFrame frame, object? childResult, CancellationToken cancellationToken);
}
