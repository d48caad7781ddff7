using Microsoft.Extensions.Logging;

namespace SocialBot.Bot.Features.Trends;

/// <summary>An optional short narrative for a trends card, e.g. from a language model. Null means "no narrative".</summary>
internal interface ITrendNarrator
{
    Task<string?> NarrateAsync(IReadOnlyList<TrendingTerm> terms, TrendWindow window, CancellationToken cancellationToken);
}

/// <summary>The default when no model is configured.</summary>
internal sealed class NoTrendNarrator : ITrendNarrator
{
    public Task<string?> NarrateAsync(IReadOnlyList<TrendingTerm> terms, TrendWindow window, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);
}

/// <summary>
/// Calls the configured narrator with a time limit. A timeout or failure yields null, so the card is never held up
/// or broken by the model; only the caller's own cancellation propagates.
/// </summary>
internal sealed partial class TimedTrendNarrator(ITrendNarrator inner, TimeProvider timeProvider, ILogger<TimedTrendNarrator> logger)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);

    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    public async Task<string?> NarrateAsync(IReadOnlyList<TrendingTerm> terms, TrendWindow window, CancellationToken cancellationToken)
    {
        if (terms.Count == 0)
        {
            return null;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            // WaitAsync also bounds a narrator that ignores its token.
            var narrative = await inner.NarrateAsync(terms, window, limit.Token)
                .WaitAsync(Timeout, timeProvider, cancellationToken)
                .ConfigureAwait(false);
            return string.IsNullOrWhiteSpace(narrative) ? null : narrative.Trim();
        }
        catch (TimeoutException)
        {
            await limit.CancelAsync().ConfigureAwait(false);
            LogTimedOut(logger, Timeout.TotalSeconds);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, null);
            return null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(logger, exception);
            return null;
        }
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "The trend narrative took longer than {Seconds} s; the card is sent without it.")]
    private static partial void LogTimedOut(ILogger logger, double seconds);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "The trend narrative failed; the card is sent without it.")]
    private static partial void LogFailed(ILogger logger, Exception? exception);
}
