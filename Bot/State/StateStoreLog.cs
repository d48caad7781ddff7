using Microsoft.Extensions.Logging;

namespace SocialBot.Bot.State;

internal static partial class StateStoreLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Warning, Message = "ConnectionStrings:Redis is not set: using the in-memory state store. Drafts, decisions and claims are lost on restart and not shared between instances.")]
    public static partial void UsingInMemoryStore(this ILogger logger);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "State store: Redis at {Endpoints}, key prefix '{KeyPrefix}'.")]
    public static partial void UsingRedisStore(this ILogger logger, string endpoints, string keyPrefix);
}
