using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace SocialBot.Bot.Protocol.Connector;

/// <summary>Whether a connector call may be sent twice without harm.</summary>
internal enum ConnectorCallKind
{
    /// <summary>GET, PUT, DELETE: sending twice has the same effect as once.</summary>
    Idempotent,

    /// <summary>POST send/reply/create: no idempotency key, a second send after an ambiguous failure can post twice.</summary>
    NonIdempotent,
}

internal sealed record ConnectorRetryOptions
{
    /// <summary>Attempts in total, the first one included.</summary>
    public int MaxAttempts { get; init; } = 4;
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The sum of all waits of one call; a Retry-After beyond what is left ends the retries.</summary>
    public TimeSpan MaxTotalDelay { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>Backoff delays vary by ± this fraction so that many senders do not retry in lockstep.</summary>
    public double Jitter { get; init; } = 0.2;
}

/// <summary>
/// Retries for Bot Connector calls, following Teams' guidance: honour <c>Retry-After</c> on 429 (seconds or an
/// HTTP date; exponential backoff with jitter when absent) and also retry 412, 502, 503 and 504. Sends and creates
/// are not idempotent, so after an ambiguous failure (5xx, timeout or a broken connection once the request may have
/// reached Teams) they are not sent again: only a 429, a 412, a 503 with Retry-After, or a failure to connect is retried.
/// </summary>
internal sealed partial class ConnectorRetryPolicy(ConnectorRetryOptions options, TimeProvider time, ILogger<ConnectorRetryPolicy> logger)
{
    public async Task<HttpResponseMessage> ExecuteAsync(
        ConnectorCallKind kind,
        Func<CancellationToken, Task<HttpResponseMessage>> attempt,
        Action<TimeSpan>? onThrottled,
        CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        for (var attemptNumber = 1; ; attemptNumber++)
        {
            HttpResponseMessage response;
            try
            {
                response = await attempt(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (attemptNumber < options.MaxAttempts && IsRetryable(ex, kind, cancellationToken))
            {
                var backoff = Backoff(attemptNumber);
                if (waited + backoff > options.MaxTotalDelay)
                {
                    throw;
                }

                LogRetryAfterException(logger, attemptNumber, ex.GetType().Name, backoff);
                waited += backoff;
                await Task.Delay(backoff, time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var retryAfter = RetryAfter(response);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && retryAfter is { } pause)
            {
                onThrottled?.Invoke(pause);
            }

            if (!IsRetryable(response.StatusCode, retryAfter is not null, kind) || attemptNumber >= options.MaxAttempts)
            {
                return response;
            }

            var delay = retryAfter ?? Backoff(attemptNumber);
            if (waited + delay > options.MaxTotalDelay)
            {
                return response;
            }

            LogRetryAfterStatus(logger, attemptNumber, (int)response.StatusCode, delay);
            response.Dispose();
            waited += delay;
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The server's requested wait, from <c>Retry-After</c> as seconds or as an HTTP date; never negative.</summary>
    public TimeSpan? RetryAfter(HttpResponseMessage response) => RetryAfter(response.Headers.RetryAfter, time.GetUtcNow());

    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };

    private static bool IsRetryable(HttpStatusCode status, bool hasRetryAfter, ConnectorCallKind kind) => status switch
    {
        HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed => true,
        // Teams asks the caller to come back later: the request was not processed.
        HttpStatusCode.ServiceUnavailable when hasRetryAfter => true,
        HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout =>
            kind == ConnectorCallKind.Idempotent,
        _ => false,
    };

    private static bool IsRetryable(Exception exception, ConnectorCallKind kind, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        if (exception is HttpRequestException
            {
                HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError,
            })
        {
            // No connection was made, so Teams never saw the request.
            return true;
        }

        // A timeout or a broken connection after the request went out: only safe to repeat when idempotent.
        return kind == ConnectorCallKind.Idempotent && exception is HttpRequestException or TaskCanceledException;
    }

    private TimeSpan Backoff(int attemptNumber)
    {
        var exponential = options.BaseDelay.TotalMilliseconds * Math.Pow(2, attemptNumber - 1);
        var jittered = exponential * (1 + options.Jitter * ((Random.Shared.NextDouble() * 2) - 1));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, options.MaxDelay.TotalMilliseconds));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector call attempt {Attempt} answered {StatusCode}; retrying in {Delay}")]
    private static partial void LogRetryAfterStatus(ILogger logger, int attempt, int statusCode, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector call attempt {Attempt} failed with {ExceptionType}; retrying in {Delay}")]
    private static partial void LogRetryAfterException(ILogger logger, int attempt, string exceptionType, TimeSpan delay);
}
