namespace SocialBot.Dialogs.Engine.Prompts;

/// <summary>The persisted state of a waiting prompt.</summary>
internal sealed record PromptState(PromptOptions Options, int Reprompts);
