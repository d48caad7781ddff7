using System.Text.Json;
using System.Text.Json.Serialization;

namespace SocialBot.Bot.Protocol.Schema;

internal sealed record ResourceResponse(string? Id);

internal sealed record ConversationResourceResponse(string? Id, string? ServiceUrl, string? ActivityId);

/// <summary>Body of <c>POST /v3/conversations</c> (used to open a 1:1 chat with a user).</summary>
internal sealed record ConversationParameters
{
    public bool? IsGroup { get; init; }
    public ChannelAccount? Bot { get; init; }
    public IReadOnlyList<ChannelAccount>? Members { get; init; }
    public string? TopicName { get; init; }
    public string? TenantId { get; init; }
    public Activity? Activity { get; init; }
    public TeamsChannelData? ChannelData { get; init; }
}

/// <summary>Where a proactive message goes: everything needed to reach a conversation later.</summary>
internal sealed record ConversationReference
{
    public required string ChannelId { get; init; }
    public required string ServiceUrl { get; init; }
    public required ConversationAccount Conversation { get; init; }
    public ChannelAccount? Bot { get; init; }
    public ChannelAccount? User { get; init; }
    public string? TenantId { get; init; }
    public string? Locale { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }

    public static ConversationReference FromActivity(Activity activity, DateTimeOffset now) => new()
    {
        ChannelId = activity.ChannelId ?? "msteams",
        ServiceUrl = activity.ServiceUrl ?? string.Empty,
        Conversation = activity.Conversation ?? new ConversationAccount(),
        Bot = activity.Recipient,
        User = activity.From,
        TenantId = activity.TenantId,
        Locale = activity.Locale,
        UpdatedAt = now,
    };

    /// <summary>An outgoing message for this conversation, from the bot.</summary>
    public Activity CreateMessage() => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = ChannelId,
        From = Bot,
        Conversation = Conversation,
        Locale = Locale,
    };
}

/// <summary>What the bot answers an invoke with: an HTTP status and an optional JSON body.</summary>
internal sealed record InvokeResponse(int Status, JsonElement? Body = null)
{
    public static InvokeResponse Ok(JsonElement? body = null) => new(200, body);
}

/// <summary>
/// The body of an <c>adaptiveCard/action</c> invoke response (Universal Actions):
/// <c>{statusCode, type, value}</c>, where <c>value</c> is a card, a message or an error.
/// </summary>
internal sealed record AdaptiveCardInvokeResponse(
    [property: JsonPropertyName("statusCode")] int StatusCode,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("value")] JsonElement? Value)
{
    public const string CardType = "application/vnd.microsoft.card.adaptive";
    public const string MessageType = "application/vnd.microsoft.activity.message";
    public const string ErrorType = "application/vnd.microsoft.error";
}
