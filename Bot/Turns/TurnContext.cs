using SocialBot.Bot.Proactive;
using SocialBot.Bot.Protocol.Schema;
using SocialBot.Cards.AdaptiveCards;

namespace SocialBot.Bot.Turns;

/// <summary>The person behind a turn: Entra object id for authorization, Teams channel id for 1:1 chats.</summary>
internal sealed record TurnUser(string Id, string? ChannelAccountId, string? Name);

/// <summary>One incoming activity and the ways a feature may answer it, without touching wire formats.</summary>
internal sealed class TurnContext(Activity activity, ConversationReference reference, IProactiveSender sender, TimeProvider clock)
{
    private CommandText? command;

    public Activity Activity { get; } = activity;

    public ConversationReference Reference { get; } = reference;

    public TimeProvider Clock { get; } = clock;

    public string TenantId => Reference.TenantId ?? string.Empty;

    public string ConversationId => Reference.Conversation.Id ?? string.Empty;

    public TurnUser User { get; } = new(
        activity.SenderUserId ?? string.Empty,
        activity.From?.Id,
        activity.From?.Name);

    public bool IsPersonal =>
        Activity.Conversation?.ConversationType is not { } type
            ? Activity.Conversation?.IsGroup != true
            : string.Equals(type, "personal", StringComparison.OrdinalIgnoreCase);

    public bool IsChannel => string.Equals(Activity.Conversation?.ConversationType, "channel", StringComparison.OrdinalIgnoreCase);

    /// <summary>The user's IANA time zone from the Teams clientInfo entity, when the client sent one.</summary>
    public string? UserTimeZone => Activity.ClientInfo?.Timezone;

    public CommandText Command => command ??= CommandText.From(Activity);

    public async Task<string?> SendAsync(Activity message, CancellationToken ct)
    {
        var response = await sender.SendAsync(Reference, message, ct);
        return response.Id;
    }

    public Task<string?> SendTextAsync(string text, CancellationToken ct) =>
        SendAsync(Reference.CreateMessage() with { Text = text, TextFormat = "markdown" }, ct);

    public Task<string?> SendCardAsync(AdaptiveCard card, CancellationToken ct) =>
        SendAsync(CardActivities.Message(Reference, card), ct);

    public Task UpdateAsync(string activityId, Activity message, CancellationToken ct) =>
        sender.UpdateAsync(Reference, activityId, message, ct);

    public Task UpdateCardAsync(string activityId, AdaptiveCard card, CancellationToken ct) =>
        UpdateAsync(activityId, CardActivities.Message(Reference, card), ct);
}
