namespace SocialBot.Dialogs.Engine.Prompts;

/// <summary>
/// Asks for free text; the answer is the trimmed text. Register one per validator, with a feature-prefixed id
/// (for example <c>drafts.title</c>); the built-in <see cref="BuiltInPrompts.Text"/> only rejects empty text.
/// </summary>
/// <param name="id">The prompt's dialog id.</param>
/// <param name="validate">Returns a message saying what is wrong with the text, or <see langword="null"/> to accept it.</param>
public sealed class TextPrompt(string id, Func<string, string?>? validate = null) : PromptDialog(id)
{
    internal const string EmptyMessage = "Please type a reply.";

    internal override PromptRecognition Recognize(string text, PromptOptions options)
    {
        if (text.Length == 0)
        {
            return PromptRecognition.Failed(EmptyMessage);
        }

        var error = validate?.Invoke(text);
        return error is null ? PromptRecognition.Success(text) : PromptRecognition.Failed(error);
    }
}
