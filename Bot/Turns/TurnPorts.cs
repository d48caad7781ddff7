using SocialBot.Bot.Protocol.Schema;

namespace SocialBot.Bot.Turns;

/// <summary>Remembers how to reach every conversation the bot has heard from (refreshed on each authenticated activity).</summary>
internal interface IConversationReferenceStore
{
    Task SaveAsync(ConversationReference reference, CancellationToken ct);

    Task<ConversationReference?> FindAsync(string tenantId, string conversationId, CancellationToken ct);

    /// <summary>The 1:1 chat with a user, found by Entra object id or Teams channel id.</summary>
    Task<ConversationReference?> FindPersonalAsync(string tenantId, string userId, CancellationToken ct);
}

/// <summary>
/// Makes a redelivered activity (same conversation and activity id) run once: begin claims a short lease,
/// complete remembers the id after the turn succeeded, abandon releases it so a retry can run the turn again.
/// </summary>
internal interface ITurnDeduplicator
{
    Task<bool> TryBeginAsync(string conversationId, string activityId, CancellationToken ct);

    Task CompleteAsync(string conversationId, string activityId, CancellationToken ct);

    Task AbandonAsync(string conversationId, string activityId, CancellationToken ct);
}

/// <summary><c>BotFramework:AllowedTenants</c>: which tenants the bot serves (empty = any).</summary>
internal interface ITenantAllowList
{
    bool IsAllowed(string? tenantId);
}
