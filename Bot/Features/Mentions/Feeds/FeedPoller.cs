using System.Globalization;
using Microsoft.Extensions.Options;
using SocialBot.Bot.Observability.Health;
using SocialBot.Bot.State;

namespace SocialBot.Bot.Features.Mentions.Feeds;

/// <summary>
/// Looks at every feed whose due time (in the store, so a restart skips nothing) has come. Each look is claimed per
/// (feed, due time): several bot instances poll a feed once per slot, and a crashed instance's slot is taken over
/// when its claim expires, because the due time only moves once a look is saved.
/// </summary>
internal sealed partial class FeedPoller(
    FeedStore feeds,
    FeedFetcher fetcher,
    IStateStore store,
    IOptions<FeedOptions> options,
    TimeProvider clock,
    ILogger<FeedPoller> logger,
    IWorkerHeartbeats? heartbeats = null) : BackgroundService
{
    private const int BatchSize = 100;
    private const int Parallelism = 4;
    private static readonly TimeSpan LongestWake = TimeSpan.FromSeconds(30);
    private readonly string owner = Guid.NewGuid().ToString("N");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // New feeds (added on any instance) are due one interval after they were added, so waking every 30 s at most is enough.
        var wake = options.Value.FeedPollInterval < LongestWake ? options.Value.FeedPollInterval : LongestWake;
        while (!stoppingToken.IsCancellationRequested)
        {
            heartbeats?.Beat(nameof(FeedPoller), wake * 4 + options.Value.FeedTimeout * BatchSize / Parallelism);
            try
            {
                await PollDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(logger, exception);
            }

            try
            {
                await Task.Delay(wake, clock, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <returns>How many feeds this instance looked at.</returns>
    public async Task<int> PollDueAsync(CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            var due = await feeds.DueAsync(clock.GetUtcNow(), BatchSize, ct).ConfigureAwait(false);
            var polled = 0;
            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (entry, token) =>
            {
                if (await TryLookAsync(entry, token).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref polled);
                }
            }).ConfigureAwait(false);
            total += polled;

            // A full batch may hide more due feeds behind it; feeds claimed elsewhere stay due until saved, so stop
            // when a round made no progress instead of spinning on them.
            if (due.Count < BatchSize || polled == 0)
            {
                return total;
            }
        }
    }

    private async Task<bool> TryLookAsync(ScoredMember due, CancellationToken ct)
    {
        var parts = due.Member.Split('|', 2);
        if (parts.Length != 2)
        {
            await feeds.RemoveDueAsync(due.Member, ct).ConfigureAwait(false);
            return false;
        }

        var slot = StoreKey.Global("mentions", "feed-lock", StoreKey.Digest(due.Member), due.Score.ToString(CultureInfo.InvariantCulture));
        if (!await store.TryClaimAsync(slot, owner, options.Value.FeedTimeout * 3 + TimeSpan.FromMinutes(1), ct).ConfigureAwait(false))
        {
            return false;
        }

        if (await feeds.StateAsync(parts[0], parts[1], ct).ConfigureAwait(false) is not { } state)
        {
            // Untracked between the due read and now.
            await feeds.RemoveDueAsync(due.Member, ct).ConfigureAwait(false);
            return false;
        }

        await fetcher.LookAsync(state, ct).ConfigureAwait(false);
        return true;
    }

    [LoggerMessage(EventId = 5320, Level = LogLevel.Warning, Message = "Polling feeds failed; trying again on the next round")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
