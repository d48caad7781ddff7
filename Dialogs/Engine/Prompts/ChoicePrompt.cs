using System.Globalization;

namespace SocialBot.Dialogs.Engine.Prompts;

/// <summary>
/// Picks one of <see cref="PromptOptions.Choices"/> by its number, its exact title or an unambiguous
/// case-insensitive prefix. The answer is a <see cref="FoundChoice"/>.
/// </summary>
internal sealed class ChoicePrompt(string id) : PromptDialog(id)
{
    internal override string FormatPrompt(PromptOptions options) => $"{options.Prompt}\n{ListChoices(options)}";

    internal override PromptRecognition Recognize(string text, PromptOptions options)
    {
        var choices = options.Choices ?? [];
        var retry = $"Please pick one of these by number or name:\n{ListChoices(options)}";

        if (int.TryParse(text.TrimEnd('.'), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && number >= 1 && number <= choices.Count)
        {
            return Found(choices, number - 1);
        }

        for (var i = 0; i < choices.Count; i++)
        {
            if (string.Equals(choices[i], text, StringComparison.OrdinalIgnoreCase))
            {
                return Found(choices, i);
            }
        }

        var prefixMatches = Enumerable.Range(0, choices.Count)
            .Where(i => choices[i].StartsWith(text, StringComparison.OrdinalIgnoreCase))
            .Take(2)
            .ToList();
        return text.Length > 0 && prefixMatches.Count == 1
            ? Found(choices, prefixMatches[0])
            : PromptRecognition.Failed(retry);
    }

    private static PromptRecognition Found(IReadOnlyList<string> choices, int index) =>
        PromptRecognition.Success(new FoundChoice(index, choices[index]));

    private static string ListChoices(PromptOptions options) =>
        string.Join('\n', (options.Choices ?? []).Select((choice, i) => $"{i + 1}. {choice}"));
}
