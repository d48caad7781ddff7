using Microsoft.Extensions.Options;
using SocialBot.Bot.Observability;
using SocialBot.Bot.Proactive;
using SocialBot.Bot.Protocol.Connector;
using SocialBot.Bot.Protocol.Hosting;
using SocialBot.Bot.Protocol.Schema;
using SocialBot.Bot.State;
using SocialBot.Bot.Turns.Routing;

namespace SocialBot.Bot.Turns;

/// <summary>
/// Turns an authenticated activity into a routed turn: tenant filter, conversation reference, redelivery check,
/// dispatch by activity type, and one place where failures become a short apology instead of a 500.
/// </summary>
internal sealed partial class TurnPipeline(
    TurnRouter router,
    IProactiveSender sender,
    IConversationReferenceStore references,
    ITurnDeduplicator deduplicator,
    ITenantAllowList tenants,
    IServiceUrlLearner serviceUrls,
    TurnFailureResponder failures,
    TimeProvider clock,
    BotTelemetry telemetry,
    IOptions<MessagesEndpointOptions> options,
    ILogger<TurnPipeline> logger) : IActivityProcessor
{
    public const string OverBudget = "This is taking longer than Teams waits. It may still finish; look again in a moment.";

    public async Task<InvokeResponse?> ProcessAsync(Activity activity, AuthenticatedCaller caller, CancellationToken ct)
    {
        var isInvoke = activity.IsType(ActivityTypes.Invoke);
        using var logScope = TurnLogScope.Begin(logger, activity);
        using var measurement = telemetry.MeasureTurn(activity.Type, isInvoke ? activity.Name : null, clock);
        if (!tenants.IsAllowed(activity.TenantId))
        {
            measurement.Outcome = TurnMeasurement.Refused;
            LogTenantRefused(logger, activity.TenantId);
            return isInvoke ? new InvokeResponse(StatusCodes.Status403Forbidden) : null;
        }

        if (string.IsNullOrEmpty(activity.ServiceUrl) || activity.Conversation?.Id is null)
        {
            measurement.Outcome = TurnMeasurement.Invalid;
            LogIncomplete(logger, activity.Type);
            return isInvoke ? new InvokeResponse(StatusCodes.Status400BadRequest) : null;
        }

        serviceUrls.Learn(activity.ServiceUrl);
        var reference = ConversationReference.FromActivity(activity, clock.GetUtcNow());
        var turn = new TurnContext(activity, reference, sender, clock);
        var claimedId = (string?)null;
        try
        {
            await references.SaveAsync(reference, ct);
            if (activity.Id is { Length: > 0 } id)
            {
                if (!await deduplicator.TryBeginAsync(reference.Conversation.Id!, id, ct))
                {
                    measurement.Outcome = TurnMeasurement.Duplicate;
                    LogDuplicate(logger, activity.Type, activity.Conversation.Id, id);
                    return isInvoke
                        ? CardActionResult.WithMessage("Already done — that was handled a moment ago.").ToInvokeResponse()
                        : null;
                }

                claimedId = id;
            }

            // Teams gives up on a turn after 15 s (5 s for an invoke) and then shows an error or sends it again; a slow
            // connector or store must not make the bot miss that, so the turn's own work stops at its budget.
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
            budget.CancelAfter(isInvoke ? options.Value.InvokeTurnBudget : options.Value.MessageTurnBudget);
            var response = await DispatchAsync(turn, budget.Token);
            await CompleteAsync(reference.Conversation.Id!, claimedId, ct);
            return response;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            measurement.Outcome = TurnMeasurement.Failed;
            LogOverBudget(logger, activity.Type, activity.Name);
            await AbandonAsync(reference.Conversation.Id!, claimedId);
            return isInvoke ? CardActionResult.WithMessage(OverBudget).ToInvokeResponse() : null;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            measurement.Outcome = TurnMeasurement.Failed;
            await AbandonAsync(reference.Conversation.Id!, claimedId);
            return await failures.RespondAsync(turn, ex, ct);
        }
    }

    /// <summary>Remembers a finished turn's id for an hour (best effort: the turn already succeeded).</summary>
    private async Task CompleteAsync(string conversationId, string? activityId, CancellationToken ct)
    {
        if (activityId is null)
        {
            return;
        }

        try
        {
            await deduplicator.CompleteAsync(conversationId, activityId, ct);
        }
        catch (StoreUnavailableException)
        {
            LogLeaseNotCompleted(logger, activityId);
        }
    }

    /// <summary>Releases the redelivery lease of a failed turn so the channel's retry runs it again (best effort).</summary>
    private async Task AbandonAsync(string conversationId, string? activityId)
    {
        if (activityId is null)
        {
            return;
        }

        try
        {
            await deduplicator.AbandonAsync(conversationId, activityId, CancellationToken.None);
        }
        catch (Exception ex) when (ex is StoreUnavailableException or OperationCanceledException)
        {
            // The lease lapses by itself within TurnDeduplicator.Lease.
            LogLeaseNotReleased(logger, activityId);
        }
    }

    private async Task<InvokeResponse?> DispatchAsync(TurnContext turn, CancellationToken ct)
    {
        var activity = turn.Activity;
        switch (activity.Type)
        {
            case var t when string.Equals(t, ActivityTypes.Message, StringComparison.OrdinalIgnoreCase):
                if (!turn.IsPersonal && !MentionsBot(activity))
                {
                    // In group chats and channels the bot only answers when @mentioned (PRODUCT.md "Surfaces").
                    return null;
                }

                await router.RouteMessageAsync(turn, ct);
                return null;

            case var t when string.Equals(t, ActivityTypes.Invoke, StringComparison.OrdinalIgnoreCase):
                return await router.RouteInvokeAsync(turn, ct);

            case var t when string.Equals(t, ActivityTypes.ConversationUpdate, StringComparison.OrdinalIgnoreCase):
                if (activity.MembersAdded?.Any(m => IsSameAccount(m.Id, activity.Recipient?.Id)) == true)
                {
                    await router.RouteInstallAsync(turn, ct);
                }

                return null;

            case var t when string.Equals(t, ActivityTypes.InstallationUpdate, StringComparison.OrdinalIgnoreCase):
                if (activity.Action is { } action && action.StartsWith("add", StringComparison.OrdinalIgnoreCase))
                {
                    await router.RouteInstallAsync(turn, ct);
                }

                return null;

            default:
                // Activity spec A2006: unknown activity types are ignored, not errors.
                LogIgnored(logger, activity.Type);
                return null;
        }
    }

    private static bool MentionsBot(Activity activity) =>
        activity.Entities?.Any(e => string.Equals(e.Type, "mention", StringComparison.OrdinalIgnoreCase) &&
                                    IsSameAccount(e.Mentioned?.Id, activity.Recipient?.Id)) == true;

    internal static bool IsSameAccount(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return false;
        }

        static string Bare(string id) => id.StartsWith("28:", StringComparison.Ordinal) ? id[3..] : id;
        return string.Equals(Bare(a), Bare(b), StringComparison.OrdinalIgnoreCase);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored an activity from tenant {TenantId}, which is not in BotFramework:AllowedTenants")]
    private static partial void LogTenantRefused(ILogger logger, string? tenantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored a {ActivityType} activity without serviceUrl or conversation")]
    private static partial void LogIncomplete(ILogger logger, string? activityType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped a redelivered {ActivityType} activity {ActivityId} in {ConversationId}")]
    private static partial void LogDuplicate(ILogger logger, string? activityType, string? conversationId, string activityId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not mark activity {ActivityId} done; a redelivery within the lease is still skipped")]
    private static partial void LogLeaseNotCompleted(ILogger logger, string activityId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the redelivery lease of failed activity {ActivityId}; it lapses by itself")]
    private static partial void LogLeaseNotReleased(ILogger logger, string activityId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored an activity of type {ActivityType}")]
    private static partial void LogIgnored(ILogger logger, string? activityType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {ActivityType} turn ({Name}) ran out of Teams' time budget and was answered without finishing")]
    private static partial void LogOverBudget(ILogger logger, string? activityType, string? name);
}
