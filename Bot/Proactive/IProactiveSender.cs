using SocialBot.Bot.Protocol.Schema;

namespace SocialBot.Bot.Proactive;

internal interface IProactiveSender
{
    Task<ResourceResponse> SendAsync(ConversationReference reference, Activity activity, CancellationToken ct);

    Task UpdateAsync(ConversationReference reference, string activityId, Activity activity, CancellationToken ct);

    Task<ConversationReference> CreatePersonalConversationAsync(ConversationReference anyReferenceInTenant, ChannelAccount user, CancellationToken ct);
}
