using System.Text.Json;
using Microsoft.Extensions.Options;
using SocialBot.Bot.Protocol.Auth;
using SocialBot.Bot.Protocol.Schema;

namespace SocialBot.Bot.Protocol.Hosting;

internal sealed class MessagesEndpointOptions
{
    /// <summary>Teams caps messages at about 80 KB; 256 KB leaves room for invoke payloads and channel data.</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Teams waits 15 seconds for a message turn; the bot answers before, whatever a slow dependency does.</summary>
    public TimeSpan MessageTurnBudget { get; set; } = TimeSpan.FromSeconds(12);

    /// <summary>Teams waits 5 seconds for an invoke's answer (the card a button press returns).</summary>
    public TimeSpan InvokeTurnBudget { get; set; } = TimeSpan.FromSeconds(4);
}

internal static partial class MessagesEndpoint
{
    public static IEndpointRouteBuilder MapBotMessages(this IEndpointRouteBuilder endpoints, string pattern = "/api/messages")
    {
        endpoints.MapPost(pattern, HandleAsync);
        // The Agents Playground probes the endpoint with HEAD before it sends anything.
        endpoints.MapMethods(pattern, ["HEAD"], () => Results.Ok());
        endpoints.MapMethods(pattern, ["GET", "PUT", "PATCH", "DELETE"], () => Results.StatusCode(StatusCodes.Status405MethodNotAllowed));
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext http,
        IInboundAuthenticator authenticator,
        IActivityProcessor processor,
        IOptions<MessagesEndpointOptions> options,
        ILoggerFactory loggerFactory,
        CancellationToken ct)
    {
        var logger = loggerFactory.CreateLogger("SocialBot.Protocol.Messages");
        var read = await ActivityBodyReader.ReadAsync(http.Request, options.Value.MaxBodyBytes, ct);
        if (read.Activity is not { } activity)
        {
            LogRejectedBody(logger, read.ErrorStatus);
            return Results.Problem(detail: read.Error, statusCode: read.ErrorStatus);
        }

        var auth = await authenticator.AuthenticateAsync(
            http.Request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : null,
            activity.ChannelId,
            activity.ServiceUrl,
            ct);
        if (!auth.Succeeded)
        {
            LogUnauthorized(logger, activity.Type, auth.Reason);
            return Results.Problem(detail: "Authentication failed.", statusCode: StatusCodes.Status401Unauthorized);
        }

        var caller = new AuthenticatedCaller(auth.IsAnonymous, auth.AppId);
        var response = await processor.ProcessAsync(activity, caller, ct);
        if (response is null)
        {
            return Results.Ok();
        }

        return response.Body is { } body
            ? Results.Json(body, ProtocolJsonContext.Default.JsonElement, statusCode: response.Status)
            : Results.StatusCode(response.Status);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected an activity body with {Status}")]
    private static partial void LogRejectedBody(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected an unauthenticated {ActivityType} activity: {Reason}")]
    private static partial void LogUnauthorized(ILogger logger, string? activityType, string? reason);
}
