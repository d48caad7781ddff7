using SocialBot.Bot.Protocol.Schema;
using SocialBot.Bot.State;
using SocialBot.Bot.Turns.Routing;

namespace SocialBot.Bot.Turns;

/// <summary>
/// The one place a failed turn is answered: logged without tokens or message text, a short apology to the user,
/// and the user's dialog cleared so a broken flow cannot loop.
/// </summary>
internal sealed partial class TurnFailureResponder(IDialogBridge dialogs, ILogger<TurnFailureResponder> logger)
{
    public const string Apology = "Sorry, something went wrong on my side. Please try again — if it keeps happening, type **cancel** and start over.";

    public const string StorageDown = "I can't reach my storage right now, so I didn't change anything. Please try again in a minute.";

    public async Task<InvokeResponse?> RespondAsync(TurnContext turn, Exception error, CancellationToken ct)
    {
        string message;
        if (error is StoreUnavailableException)
        {
            // Nothing was lost or half-written: the store refused before anything changed, and the dialog state is
            // unreachable anyway, so there is nothing to clear.
            LogStoreUnavailable(logger, turn.Activity.Type, turn.ConversationId);
            message = StorageDown;
        }
        else
        {
            LogTurnFailed(logger, error, turn.Activity.Type, turn.Activity.Name, turn.ConversationId, turn.Activity.Id);
            await TryAsync(() => dialogs.CancelAsync(turn, ct));
            message = Apology;
        }

        if (turn.Activity.IsType(ActivityTypes.Invoke))
        {
            return CardActionResult.WithMessage(message).ToInvokeResponse();
        }

        if (turn.Activity.IsType(ActivityTypes.Message))
        {
            await TryAsync(() => turn.SendTextAsync(message, ct));
        }

        return null;
    }

    private async Task TryAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception ex)
        {
            LogRecoveryFailed(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn failed for {ActivityType}/{InvokeName} in {ConversationId} (activity {ActivityId})")]
    private static partial void LogTurnFailed(ILogger logger, Exception error, string? activityType, string? invokeName, string conversationId, string? activityId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "State store unavailable during a {ActivityType} turn in {ConversationId}")]
    private static partial void LogStoreUnavailable(ILogger logger, string? activityType, string conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not finish recovering from a failed turn: {ErrorType}")]
    private static partial void LogRecoveryFailed(ILogger logger, string errorType);
}
