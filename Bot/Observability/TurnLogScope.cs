using System.Collections;

namespace SocialBot.Bot.Observability;

/// <summary>
/// The logging scope of one turn: every log written while the turn runs carries the conversation and activity ids
/// (correlation across instances and with Teams' own logs). Ids only: never text, names or tokens.
/// </summary>
internal sealed class TurnLogScope(string? conversationId, string? activityId, string? activityType) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public const string ConversationIdKey = "ConversationId";
    public const string ActivityIdKey = "ActivityId";
    public const string ActivityTypeKey = "ActivityType";

    public int Count => 3;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new(ConversationIdKey, conversationId),
        1 => new(ActivityIdKey, activityId),
        2 => new(ActivityTypeKey, activityType),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public static IDisposable? Begin(ILogger logger, Protocol.Schema.Activity activity) =>
        logger.BeginScope(new TurnLogScope(activity.Conversation?.Id, activity.Id, activity.Type));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"conversation {conversationId} activity {activityId} ({activityType})";
}
