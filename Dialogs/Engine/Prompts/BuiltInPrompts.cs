namespace SocialBot.Dialogs.Engine.Prompts;

/// <summary>The ids of the prompts every <see cref="DialogSet"/> contains.</summary>
public static class BuiltInPrompts
{
    /// <summary>Free text; rejects only empty text. Answer: <see cref="string"/>.</summary>
    public const string Text = "prompt.text";

    /// <summary>One of <see cref="PromptOptions.Choices"/>. Answer: <see cref="FoundChoice"/>.</summary>
    public const string Choice = "prompt.choice";

    /// <summary>Yes or no. Answer: <see cref="bool"/>.</summary>
    public const string Confirm = "prompt.confirm";

    /// <summary>A number within <see cref="PromptOptions.Min"/> and <see cref="PromptOptions.Max"/>. Answer: <see cref="decimal"/>.</summary>
    public const string Number = "prompt.number";

    internal static IEnumerable<Dialog> Create() =>
    [
        new TextPrompt(Text),
        new ChoicePrompt(Choice),
        new ConfirmPrompt(Confirm),
        new NumberPrompt(Number),
    ];
}
