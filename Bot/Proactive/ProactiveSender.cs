using SocialBot.Bot.Protocol.Connector;
using SocialBot.Bot.Protocol.Schema;

namespace SocialBot.Bot.Proactive;

/// <summary>
/// Sends to stored conversation references within Teams' rate limits: bursts queue for a slot instead of failing.
/// <see cref="IProactiveSender.CreatePersonalConversationAsync"/> opens (or reopens: Teams answers with the same id)
/// the 1:1 chat between the bot and a user.
/// </summary>
internal sealed class ProactiveSender(IConnectorClient connector, ConversationRateLimiter limiter, TimeProvider time) : IProactiveSender
{
    public async Task<ResourceResponse> SendAsync(ConversationReference reference, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(activity);
        var conversationId = ConversationIdOf(reference);
        using var slot = await limiter.WaitAsync(reference.TenantId, conversationId, cancellationToken).ConfigureAwait(false);
        return await connector.SendToConversationAsync(reference.ServiceUrl, conversationId, Addressed(reference, activity), cancellationToken).ConfigureAwait(false);
    }

    public async Task UpdateAsync(ConversationReference reference, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentException.ThrowIfNullOrWhiteSpace(activityId);
        var conversationId = ConversationIdOf(reference);
        using var slot = await limiter.WaitAsync(reference.TenantId, conversationId, cancellationToken).ConfigureAwait(false);
        await connector.UpdateActivityAsync(reference.ServiceUrl, conversationId, activityId, Addressed(reference, activity), cancellationToken).ConfigureAwait(false);
    }

    public async Task<ConversationReference> CreatePersonalConversationAsync(ConversationReference anyReferenceInTenant, ChannelAccount user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(anyReferenceInTenant);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrWhiteSpace(user.Id);
        // Teams needs both the user id and the tenant id to open a 1:1 chat.
        var tenantId = anyReferenceInTenant.TenantId ?? anyReferenceInTenant.Conversation.TenantId
            ?? throw new ArgumentException("The conversation reference has no tenant id.", nameof(anyReferenceInTenant));

        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = anyReferenceInTenant.Bot,
            Members = [user],
            TenantId = tenantId,
            ChannelData = new TeamsChannelData { Tenant = new TenantInfo(tenantId) },
        };

        ConversationResourceResponse created;
        using (await limiter.WaitAsync(tenantId, conversationId: null, cancellationToken).ConfigureAwait(false))
        {
            created = await connector.CreateConversationAsync(anyReferenceInTenant.ServiceUrl, parameters, cancellationToken).ConfigureAwait(false);
        }

        if (string.IsNullOrEmpty(created.Id))
        {
            throw new InvalidOperationException("The connector created a conversation but returned no id.");
        }

        // The service URL stays the one learned from an authenticated activity, not one named in a response body.
        return new ConversationReference
        {
            ChannelId = anyReferenceInTenant.ChannelId,
            ServiceUrl = anyReferenceInTenant.ServiceUrl,
            Conversation = new ConversationAccount { Id = created.Id, IsGroup = false, ConversationType = "personal", TenantId = tenantId },
            Bot = anyReferenceInTenant.Bot,
            User = user,
            TenantId = tenantId,
            UpdatedAt = time.GetUtcNow(),
        };
    }

    private static string ConversationIdOf(ConversationReference reference) =>
        string.IsNullOrWhiteSpace(reference.Conversation.Id)
            ? throw new ArgumentException("The conversation reference has no conversation id.", nameof(reference))
            : reference.Conversation.Id;

    private static Activity Addressed(ConversationReference reference, Activity activity) => activity with
    {
        ChannelId = activity.ChannelId ?? reference.ChannelId,
        Conversation = activity.Conversation ?? reference.Conversation,
        From = activity.From ?? reference.Bot,
    };
}
