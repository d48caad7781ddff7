using System.Net;

namespace SocialBot.Bot.Protocol.Connector;

/// <summary>A non-success answer from the Bot Connector. Carries no token and no message text.</summary>
internal sealed class ConnectorException(string operation, HttpStatusCode statusCode, string? errorCode, TimeSpan? retryAfter)
    : Exception($"Connector {operation} answered {(int)statusCode} ({statusCode}){(errorCode is null ? string.Empty : $", error code {errorCode}")}.")
{
    public string Operation { get; } = operation;
    public HttpStatusCode StatusCode { get; } = statusCode;
    public string? ErrorCode { get; } = errorCode;
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>Teams answers 403 when the bot was removed from the conversation or the user blocked it.</summary>
    public bool IsBotRemoved => StatusCode == HttpStatusCode.Forbidden;
    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;
    public bool IsThrottled => StatusCode == HttpStatusCode.TooManyRequests;
}

/// <summary>The bot refused to call a service URL that was never learned from an authenticated activity.</summary>
internal sealed class UntrustedServiceUrlException(string serviceUrl)
    : Exception($"Refusing to call the untrusted service URL '{serviceUrl}': it was not learned from an authenticated activity.")
{
    public string ServiceUrl { get; } = serviceUrl;
}
