using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using SocialBot.Bot.Protocol.Schema;

namespace SocialBot.Bot.Protocol.Connector;

/// <summary>The Bot Connector v3 REST API (relative to an activity's <c>serviceUrl</c>).</summary>
internal interface IConnectorClient
{
    Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken);

    Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken);

    Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken);

    Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken);

    Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken);

    Task<IReadOnlyList<TeamsChannelAccount>> GetConversationMembersAsync(string serviceUrl, string conversationId, CancellationToken cancellationToken);
}

/// <summary>Told when Teams throttles a conversation, so queued proactive sends wait as long as Teams asked.</summary>
internal interface IConnectorThrottleObserver
{
    void OnThrottled(string conversationId, TimeSpan retryAfter);
}

internal sealed partial class ConnectorClient(
    HttpClient http,
    IBotTokenProvider tokens,
    ServiceUrlAllowList allowList,
    ConnectorRetryPolicy retry,
    IEnumerable<IConnectorThrottleObserver> throttleObservers,
    ILogger<ConnectorClient> logger) : IConnectorClient
{
    private static ProtocolJsonContext Json => ProtocolJsonContext.Default;

    public async Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var uri = ConnectorRoutes.Activities(serviceUrl, conversationId);
        return await CallAsync("send", HttpMethod.Post, serviceUrl, uri, conversationId, Body(activity, Json.Activity), Json.ResourceResponse, cancellationToken).ConfigureAwait(false)
            ?? new ResourceResponse(null);
    }

    public async Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var uri = ConnectorRoutes.Activity(serviceUrl, conversationId, replyToId);
        var reply = activity.ReplyToId == replyToId ? activity : activity with { ReplyToId = replyToId };
        return await CallAsync("reply", HttpMethod.Post, serviceUrl, uri, conversationId, Body(reply, Json.Activity), Json.ResourceResponse, cancellationToken).ConfigureAwait(false)
            ?? new ResourceResponse(null);
    }

    public async Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var uri = ConnectorRoutes.Activity(serviceUrl, conversationId, activityId);
        var update = activity.Id == activityId ? activity : activity with { Id = activityId };
        return await CallAsync("update", HttpMethod.Put, serviceUrl, uri, conversationId, Body(update, Json.Activity), Json.ResourceResponse, cancellationToken).ConfigureAwait(false)
            ?? new ResourceResponse(activityId);
    }

    public async Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken)
    {
        var uri = ConnectorRoutes.Activity(serviceUrl, conversationId, activityId);
        await CallAsync<JsonElement>("delete", HttpMethod.Delete, serviceUrl, uri, conversationId, body: null, responseType: null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var uri = ConnectorRoutes.Conversations(serviceUrl);
        return await CallAsync("create conversation", HttpMethod.Post, serviceUrl, uri, conversationId: null, Body(parameters, Json.ConversationParameters), Json.ConversationResourceResponse, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The connector created a conversation but returned no id.");
    }

    public async Task<IReadOnlyList<TeamsChannelAccount>> GetConversationMembersAsync(string serviceUrl, string conversationId, CancellationToken cancellationToken)
    {
        var uri = ConnectorRoutes.Members(serviceUrl, conversationId);
        return await CallAsync("get members", HttpMethod.Get, serviceUrl, uri, conversationId, body: null, Json.IReadOnlyListTeamsChannelAccount, cancellationToken).ConfigureAwait(false)
            ?? [];
    }

    private static byte[] Body<T>(T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);

    private async Task<T?> CallAsync<T>(
        string operation,
        HttpMethod method,
        string serviceUrl,
        Uri uri,
        string? conversationId,
        byte[]? body,
        JsonTypeInfo<T>? responseType,
        CancellationToken cancellationToken)
    {
        // Checked before any token is acquired or any byte is sent.
        allowList.EnsureAllowed(serviceUrl);

        var kind = method == HttpMethod.Post ? ConnectorCallKind.NonIdempotent : ConnectorCallKind.Idempotent;
        Action<TimeSpan>? onThrottled = conversationId is null ? null : pause => NotifyThrottled(conversationId, pause);

        using var response = await retry.ExecuteAsync(
            kind,
            async ct =>
            {
                using var request = new HttpRequestMessage(method, uri);
                if (await tokens.GetTokenAsync(ct).ConfigureAwait(false) is { } token)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                if (body is not null)
                {
                    request.Content = new ByteArrayContent(body);
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                }

                return await http.SendAsync(request, ct).ConfigureAwait(false);
            },
            onThrottled,
            cancellationToken).ConfigureAwait(false);

        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var errorCode = ErrorCodeOf(content);
            LogFailed(logger, operation, (int)response.StatusCode, errorCode);
            throw new ConnectorException(operation, response.StatusCode, errorCode, retry.RetryAfter(response));
        }

        LogSucceeded(logger, operation, (int)response.StatusCode);
        return content.Length == 0 || responseType is null ? default : JsonSerializer.Deserialize(content, responseType);
    }

    private void NotifyThrottled(string conversationId, TimeSpan retryAfter)
    {
        foreach (var observer in throttleObservers)
        {
            observer.OnThrottled(conversationId, retryAfter);
        }
    }

    /// <summary>The <c>error.code</c> of an <c>ErrorResponse</c> body, if there is one; the message is not kept.</summary>
    private static string? ErrorCodeOf(byte[] content)
    {
        if (content.Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(content);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("code", out var code)
                && code.ValueKind == JsonValueKind.String
                    ? code.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connector {Operation} answered {StatusCode}")]
    private static partial void LogSucceeded(ILogger logger, string operation, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector {Operation} failed with {StatusCode} (error code {ErrorCode})")]
    private static partial void LogFailed(ILogger logger, string operation, int statusCode, string? errorCode);
}
