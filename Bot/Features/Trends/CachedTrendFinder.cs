using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;
using SocialBot.Bot.State;

namespace SocialBot.Bot.Features.Trends;

/// <summary>
/// Rising terms for a tenant, window and filter, computed by <see cref="TrendScorer"/> and kept in the distributed cache
/// for two minutes. Scoring reads every hourly bucket of the window and its baseline (up to 8 days of buckets), and the
/// same question is asked by everyone who opens the card in a busy channel; a two-minute-old answer is still the
/// trend. The cache is only a cache: when it fails, the terms are computed again.
/// </summary>
internal sealed partial class CachedTrendFinder(TrendScorer scorer, IDistributedCache cache, TimeProvider clock, ILogger<CachedTrendFinder> logger)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    public async Task<IReadOnlyList<TrendingTerm>> FindAsync(string tenant, TrendQuery query, CancellationToken ct)
    {
        var key = CacheKey(tenant, query, clock.GetUtcNow());
        try
        {
            if (await cache.GetAsync(key, ct).ConfigureAwait(false) is { Length: > 0 } cached
                && JsonSerializer.Deserialize(cached, TrendsJsonContext.Default.TrendingTermArray) is { } terms)
            {
                return terms;
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogCacheFailed(logger, exception);
        }

        var found = await scorer.FindAsync(tenant, query, cancellationToken: ct).ConfigureAwait(false);
        try
        {
            await cache.SetAsync(
                key,
                JsonSerializer.SerializeToUtf8Bytes(found.ToArray(), TrendsJsonContext.Default.TrendingTermArray),
                new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime },
                ct).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogCacheFailed(logger, exception);
        }

        return found;
    }

    // The current hour is part of the key: when a new hour starts, the window moves and the old answer is wrong.
    private static string CacheKey(string tenant, TrendQuery query, DateTimeOffset now) => string.Join(
        ':',
        "trends",
        StoreKey.Digest(tenant),
        query.Window.Token(),
        TrendCounter.BucketName(now),
        StoreKey.Digest((query.Filter ?? string.Empty).Trim().ToLower(CultureInfo.InvariantCulture)));

    [LoggerMessage(EventId = 4110, Level = LogLevel.Warning, Message = "The trends cache failed; computing trends without it.")]
    private static partial void LogCacheFailed(ILogger logger, Exception exception);
}
