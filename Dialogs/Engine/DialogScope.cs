namespace SocialBot.Dialogs.Engine;

/// <summary>
/// Identifies one dialog stack: a user in a conversation of a tenant. Each scope has at most one stack.
/// </summary>
/// <param name="TenantId">The Microsoft Entra tenant id of the conversation.</param>
/// <param name="ConversationId">The conversation id (personal chat, group chat or channel thread).</param>
/// <param name="UserId">The id of the user the dialog talks to (the AAD object id is the stable choice).</param>
public sealed record DialogScope(string TenantId, string ConversationId, string UserId);
