namespace SocialBot.Dialogs.Engine.Prompts;

/// <summary>What a prompt asks. Persisted with the prompt while it waits.</summary>
/// <param name="Prompt">The question.</param>
public sealed record PromptOptions(string Prompt)
{
    /// <summary>What to say after invalid input when the recognizer has no more specific message.</summary>
    public string? RetryPrompt { get; init; }

    /// <summary>The choices of a choice prompt, in the order they are listed.</summary>
    public IReadOnlyList<string>? Choices { get; init; }

    /// <summary>The smallest value a number prompt accepts.</summary>
    public decimal? Min { get; init; }

    /// <summary>The largest value a number prompt accepts.</summary>
    public decimal? Max { get; init; }
}

/// <summary>The answer of a choice prompt.</summary>
/// <param name="Index">The zero-based index of the choice in <see cref="PromptOptions.Choices"/>.</param>
/// <param name="Value">The choice as listed.</param>
public sealed record FoundChoice(int Index, string Value);
