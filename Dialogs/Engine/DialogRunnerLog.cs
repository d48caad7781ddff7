using Microsoft.Extensions.Logging;

namespace SocialBot.Dialogs.Engine;

internal static partial class DialogRunnerLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Dialog state of conversation {ConversationId} changed during the turn; re-running it (attempt {Attempt})")]
    public static partial void VersionConflict(ILogger logger, string conversationId, int attempt);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Discarding unreadable dialog state of conversation {ConversationId}")]
    public static partial void UnreadableState(ILogger logger, string conversationId, Exception exception);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug, Message = "Refused a stale form action {Verb} in conversation {ConversationId}")]
    public static partial void StaleFormAction(ILogger logger, string verb, string conversationId);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Dialog {DialogId} completed in conversation {ConversationId}")]
    public static partial void DialogCompleted(ILogger logger, string dialogId, string conversationId);
}
