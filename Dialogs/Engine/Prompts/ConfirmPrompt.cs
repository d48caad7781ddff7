using System.Collections.Frozen;

namespace SocialBot.Dialogs.Engine.Prompts;

/// <summary>Asks a yes/no question. The answer is a <see cref="bool"/>.</summary>
internal sealed class ConfirmPrompt(string id) : PromptDialog(id)
{
    internal const string RetryMessage = "Please answer yes or no.";

    private static readonly FrozenSet<string> Yes =
        new[] { "yes", "y", "yeah", "yep", "yup", "sure", "ok", "okay", "of course", "please do", "confirm" }
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> No =
        new[] { "no", "n", "nope", "nah", "no thanks", "not now", "don't" }
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    internal override PromptRecognition Recognize(string text, PromptOptions options)
    {
        var answer = text.TrimEnd('.', '!');
        if (Yes.Contains(answer))
        {
            return PromptRecognition.Success(true);
        }

        return No.Contains(answer) ? PromptRecognition.Success(false) : PromptRecognition.Failed(RetryMessage);
    }
}
