using System.Text.Json;
using Microsoft.Extensions.Options;
using SocialBot.Bot.Observability;
using SocialBot.Bot.Observability.Health;
using SocialBot.Bot.State;

namespace SocialBot.Bot.Ingestion;

/// <summary>
/// Drains the ingestion stream as one consumer of <see cref="MentionQueue.Group"/>, so several instances share the
/// work and an acknowledged entry is never handed out again. Each entry goes to <see cref="IMentionProcessor"/>
/// (at least once) and is acknowledged and deleted after success. Entries left pending by a dead consumer are
/// taken over after <see cref="IngestionOptions.ReclaimIdleTime"/>. Store outages pause the loop, never end it.
/// On shutdown it stops reading, finishes the current mention and leaves the rest pending for the others.
/// </summary>
internal sealed partial class MentionIngestionWorker(
    IStateStore store,
    MentionQueue queue,
    IMentionProcessor processor,
    IOptions<IngestionOptions> options,
    IOptions<MentionRetentionOptions> retention,
    TimeProvider time,
    ILogger<MentionIngestionWorker> logger,
    IWorkerHeartbeats? heartbeats = null,
    BotTelemetry? telemetry = null) : BackgroundService
{
    private static readonly TimeSpan FirstOutageDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(30);

    public string ConsumerName { get; } = $"{Environment.MachineName}-{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var reclaimEvery = settings.ReclaimIdleTime / 2 > settings.PollInterval ? settings.ReclaimIdleTime / 2 : settings.PollInterval;
        var outageDelay = FirstOutageDelay;
        var groupReady = false;
        var nextReclaim = time.GetUtcNow();
        LogStarted(logger, ConsumerName);

        while (!stoppingToken.IsCancellationRequested)
        {
            // Silence beyond the longest normal pause (outage back-off, a mention's retries) means the loop is stuck.
            heartbeats?.Beat(nameof(MentionIngestionWorker), LongestDelay * 10 + settings.PollInterval);
            try
            {
                if (!groupReady)
                {
                    await store.EnsureConsumerGroupAsync(MentionQueue.Stream, MentionQueue.Group, stoppingToken).ConfigureAwait(false);
                    groupReady = true;
                }

                var busy = false;
                if (time.GetUtcNow() >= nextReclaim)
                {
                    var reclaimed = await store.StreamClaimIdleAsync(MentionQueue.Stream, MentionQueue.Group, ConsumerName, settings.ReclaimIdleTime, settings.WorkerBatchSize, stoppingToken).ConfigureAwait(false);
                    if (reclaimed.Count > 0)
                    {
                        LogReclaimed(logger, reclaimed.Count);
                        await HandleAsync(reclaimed, stoppingToken).ConfigureAwait(false);
                    }

                    // A full batch may mean more idle entries behind it: look again at once.
                    busy = reclaimed.Count == settings.WorkerBatchSize;
                    if (!busy)
                    {
                        nextReclaim = time.GetUtcNow() + reclaimEvery;
                    }
                }

                var entries = await store.StreamReadAsync(MentionQueue.Stream, MentionQueue.Group, ConsumerName, settings.WorkerBatchSize, stoppingToken).ConfigureAwait(false);
                await HandleAsync(entries, stoppingToken).ConfigureAwait(false);
                outageDelay = FirstOutageDelay;
                if (!busy && entries.Count == 0)
                {
                    await PauseAsync(settings.PollInterval, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (StoreUnavailableException exception)
            {
                LogStoreUnavailable(logger, outageDelay.TotalSeconds, exception.Message);
                groupReady = false;
                await PauseAsync(outageDelay, stoppingToken).ConfigureAwait(false);
                outageDelay = Longer(outageDelay);
            }
            catch (Exception exception)
            {
                // Never let the loop die: an unhandled exception in a BackgroundService stops the whole host.
                LogLoopFailed(logger, exception);
                groupReady = false;
                await PauseAsync(outageDelay, stoppingToken).ConfigureAwait(false);
                outageDelay = Longer(outageDelay);
            }
        }

        LogStopped(logger, ConsumerName);
    }

    private async Task HandleAsync(IReadOnlyList<StreamEntry> entries, CancellationToken stoppingToken)
    {
        // Not cancelled by shutdown: a mention that started is finished; the ones not started stay in the stream.
        await Parallel.ForEachAsync(entries, new ParallelOptions { MaxDegreeOfParallelism = options.Value.WorkerConcurrency }, async (entry, _) =>
        {
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            telemetry?.RecordQueueLag(entry.Id, time.GetUtcNow());
            await HandleEntryAsync(entry, stoppingToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private async Task HandleEntryAsync(StreamEntry entry, CancellationToken stoppingToken)
    {
        // The current mention is finished even when shutdown starts; only back-off waits give way to it.
        var finish = CancellationToken.None;
        IncomingMention? mention;
        try
        {
            mention = JsonSerializer.Deserialize(entry.Payload, IngestionJsonContext.Default.IncomingMention);
        }
        catch (JsonException)
        {
            mention = null;
        }

        if (mention is null || !HasUsableKeys(mention))
        {
            await ParkAsync(entry, "The queue entry is not a mention with a tenant, source and id.", finish).ConfigureAwait(false);
            return;
        }

        if (!await queue.IsOwnEntryAsync(mention, entry.Id, finish).ConfigureAwait(false))
        {
            LogDuplicateEntry(logger, entry.Id);
            await AcknowledgeAsync(entry.Id, finish).ConfigureAwait(false);
            return;
        }

        while (true)
        {
            try
            {
                await processor.ProcessAsync(mention, finish).ConfigureAwait(false);
                await AcknowledgeAsync(entry.Id, finish).ConfigureAwait(false);
                return;
            }
            catch (StoreUnavailableException)
            {
                // Not the mention's fault: the outer loop waits for the store; the entry stays pending and is reclaimed.
                throw;
            }
            catch (Exception exception)
            {
                var attempts = await store.IncrementAsync(MentionQueue.AttemptsKey(entry.Id), timeToLive: retention.Value.Retention, cancellationToken: finish).ConfigureAwait(false);
                if (attempts >= options.Value.MaxProcessingAttempts)
                {
                    LogGaveUp(logger, exception, entry.Id, attempts);
                    await ParkAsync(entry, $"Processing failed {attempts} times: {exception.Message}", finish).ConfigureAwait(false);
                    return;
                }

                var delay = RetryDelay(attempts);
                LogProcessingFailed(logger, exception, entry.Id, attempts, delay.TotalSeconds);
                if (!await PauseAsync(delay, stoppingToken).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
    }

    // The endpoint validates these; an entry written by anything else must not loop forever on a key error.
    private static bool HasUsableKeys(IncomingMention mention) =>
        !string.IsNullOrWhiteSpace(mention.TenantId) && mention.TenantId.AsSpan().IndexOfAny('{', '}') < 0 &&
        !string.Equals(mention.TenantId, StoreKey.GlobalScope, StringComparison.OrdinalIgnoreCase) &&
        !string.IsNullOrEmpty(mention.Id);

    private async Task AcknowledgeAsync(string entryId, CancellationToken ct)
    {
        await store.StreamAcknowledgeAsync(MentionQueue.Stream, MentionQueue.Group, [entryId], deleteEntries: true, ct).ConfigureAwait(false);
        await store.DeleteAsync(MentionQueue.AttemptsKey(entryId), cancellationToken: ct).ConfigureAwait(false);
    }

    private async Task ParkAsync(StreamEntry entry, string reason, CancellationToken ct)
    {
        var letter = new DeadLetter(entry.Id, reason, entry.Payload, time.GetUtcNow());
        await store.ListAppendAsync(MentionQueue.DeadLetters, JsonSerializer.Serialize(letter, IngestionJsonContext.Default.DeadLetter), ct).ConfigureAwait(false);
        LogParked(logger, entry.Id);
        await AcknowledgeAsync(entry.Id, ct).ConfigureAwait(false);
    }

    private TimeSpan RetryDelay(long attempts)
    {
        var delay = options.Value.RetryDelay * Math.Pow(2, Math.Min(attempts - 1, 16));
        return delay < LongestDelay ? delay : LongestDelay;
    }

    private static TimeSpan Longer(TimeSpan delay) => delay * 2 < LongestDelay ? delay * 2 : LongestDelay;

    /// <returns>False when shutdown interrupted the wait.</returns>
    private async Task<bool> PauseAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mention ingestion worker {Consumer} started")]
    private static partial void LogStarted(ILogger logger, string consumer);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mention ingestion worker {Consumer} stopped; unfinished entries stay pending for other workers")]
    private static partial void LogStopped(ILogger logger, string consumer);

    [LoggerMessage(Level = LogLevel.Information, Message = "Took over {Count} mention(s) left unacknowledged by another worker")]
    private static partial void LogReclaimed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Queue entry {EntryId} repeats a mention another entry carries; acknowledged without processing")]
    private static partial void LogDuplicateEntry(ILogger logger, string entryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The state store is unavailable; the mention worker retries in {Seconds} s: {Reason}")]
    private static partial void LogStoreUnavailable(ILogger logger, double seconds, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The mention worker loop failed; it retries shortly")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Processing queue entry {EntryId} failed (attempt {Attempts}); retrying in {Seconds} s")]
    private static partial void LogProcessingFailed(ILogger logger, Exception exception, string entryId, long attempts, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up on queue entry {EntryId} after {Attempts} attempts")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, string entryId, long attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Queue entry {EntryId} moved to the dead-letter list {{global}}:ingest:dead")]
    private static partial void LogParked(ILogger logger, string entryId);
}
