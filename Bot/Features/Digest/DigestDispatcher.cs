using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialBot.Bot.Observability;
using SocialBot.Bot.Observability.Health;
using SocialBot.Bot.Proactive;
using SocialBot.Bot.Protocol.Connector;
using SocialBot.Bot.State;
using SocialBot.Bot.Turns;
using SocialBot.Cards.Digest;

namespace SocialBot.Bot.Features.Digest;

/// <summary>
/// Sends the digests that are due. Exactly once per (subscription, local date): a sender claims the pair with a lease
/// (renewed while it composes and sends, so a slow send never lets another instance in), sends, writes a "sent" marker,
/// then moves the subscription to its next send time. Only a process that dies between Teams taking the digest and the
/// marker being written can cause a second send, once its lease has run out. A digest missed by at most
/// <see cref="DigestOptions.MaxLateness"/> is sent late with a note; older ones are skipped.
/// </summary>
internal sealed partial class DigestDispatcher(
    IStateStore store,
    DigestSubscriptionStore subscriptions,
    DigestComposer composer,
    IProactiveSender sender,
    BotTelemetry telemetry,
    TimeProvider clock,
    IOptions<DigestOptions> options,
    ILogger<DigestDispatcher> logger)
{
    private readonly string owner = Guid.NewGuid().ToString("N");

    /// <summary>
    /// Sends what is due at <paramref name="now"/> (up to <see cref="DigestOptions.BatchSize"/>, several at a time);
    /// returns how many digests this instance sent.
    /// </summary>
    public async Task<int> RunDueAsync(DateTimeOffset now, CancellationToken ct)
    {
        var due = ByTenantInTurn(await subscriptions.DueAsync(now, options.Value.BatchSize, ct).ConfigureAwait(false));
        var sent = 0;
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = options.Value.FanOut, CancellationToken = ct }, async (member, token) =>
        {
            if (await DispatchAsync(member, now, token).ConfigureAwait(false))
            {
                Interlocked.Increment(ref sent);
            }
        }).ConfigureAwait(false);
        return sent;
    }

    /// <summary>
    /// The due set is ordered by member, so one tenant's subscriptions come together; each tenant has its own Teams
    /// budget (30 requests/s), so taking them in turn keeps every tenant's budget busy instead of one at a time.
    /// </summary>
    internal static IReadOnlyList<ScoredMember> ByTenantInTurn(IReadOnlyList<ScoredMember> due)
    {
        var queues = due.GroupBy(d => d.Member.Split('|', 2)[0], StringComparer.Ordinal).Select(g => new Queue<ScoredMember>(g)).ToList();
        var ordered = new List<ScoredMember>(due.Count);
        while (ordered.Count < due.Count)
        {
            foreach (var queue in queues)
            {
                if (queue.TryDequeue(out var next))
                {
                    ordered.Add(next);
                }
            }
        }

        return ordered;
    }

    private async Task<bool> DispatchAsync(ScoredMember due, DateTimeOffset now, CancellationToken ct)
    {
        var separator = due.Member.IndexOf('|', StringComparison.Ordinal);
        var subscription = separator < 0 ? null : await subscriptions.FindAsync(due.Member[..separator], due.Member[(separator + 1)..], ct).ConfigureAwait(false);
        if (subscription is null || subscription.Paused)
        {
            await subscriptions.RemoveDueAsync(due.Member, ct).ConfigureAwait(false);
            return false;
        }

        var schedule = subscription.Schedule;
        var scheduledAt = DateTimeOffset.FromUnixTimeSeconds((long)due.Score);
        var localDate = TimeZoneInfo.ConvertTime(scheduledAt, schedule.TimeZone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var tenant = StoreKey.TenantOrDefault(subscription.TenantId);
        var conversation = StoreKey.Digest(subscription.ConversationId);
        var claimKey = StoreKey.For(tenant, "digest", "claim", conversation, localDate);
        if (!await store.TryClaimAsync(claimKey, owner, options.Value.ClaimLease, ct).ConfigureAwait(false))
        {
            return false;
        }

        // Looked at only once the claim is ours: an instance that sent it may have let its claim lapse since.
        var sentKey = StoreKey.For(tenant, "digest", "sent", conversation, localDate);
        if (await store.GetAsync(sentKey, ct).ConfigureAwait(false) is not null)
        {
            await subscriptions.ScheduleAsync(due.Member, schedule.Next(now), ct).ConfigureAwait(false);
            return false;
        }

        var lateBy = now - scheduledAt;
        if (lateBy > options.Value.MaxLateness)
        {
            telemetry.RecordDigestDelivered("skipped");
            LogSkipped(subscription.ConversationId, localDate);
            await subscriptions.ScheduleAsync(due.Member, schedule.Next(now), ct).ConfigureAwait(false);
            return false;
        }

        using var keepClaim = KeepClaim(claimKey);
        try
        {
            var late = lateBy >= TimeSpan.FromMinutes(5) ? $"Sent late: this digest was due at {schedule.LocalTime} {schedule.TimeZoneId}." : null;
            var model = await composer.ComposeModelAsync(new DigestQuery(subscription.TenantId, subscription.ConversationId, now, schedule.TimeZone), late, [], ct).ConfigureAwait(false);
            var quietDaySkipped = options.Value.SkipWhenEmpty && model.Sections.Count == 0;
            if (!quietDaySkipped)
            {
                await sender.SendAsync(subscription.Reference, CardActivities.Message(subscription.Reference, DigestCard.Build(model)), ct).ConfigureAwait(false);
            }

            await store.PutAsync(sentKey, "{}"u8.ToArray(), PutCondition.Always, TimeSpan.FromDays(3), ct).ConfigureAwait(false);
            await subscriptions.ScheduleAsync(due.Member, schedule.Next(now), ct).ConfigureAwait(false);
            telemetry.RecordDigestDelivered(quietDaySkipped ? "quiet" : late is null ? "sent" : "late");
            return !quietDaySkipped;
        }
        catch (ConnectorException ex) when (ex.IsBotRemoved)
        {
            LogPaused(subscription.ConversationId);
            telemetry.RecordDigestDelivered("paused");
            await subscriptions.SaveAsync(subscription with { Paused = true }, now, ct).ConfigureAwait(false);
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex, subscription.ConversationId);
            telemetry.RecordDigestDelivered("failed");
            await keepClaim.DisposeAsync().ConfigureAwait(false);
            await store.ReleaseClaimAsync(claimKey, owner, ct).ConfigureAwait(false);
            return false;
        }
    }

    /// <summary>
    /// Extends the claim every third of its lease until disposed: a send held up by Teams' limits or retries keeps it,
    /// and a process that dies stops extending, so its claim lapses within one lease.
    /// </summary>
    private ITimer KeepClaim(StoreKey claimKey)
    {
        var lease = options.Value.ClaimLease;
        return clock.CreateTimer(_ => _ = ExtendAsync(), null, lease / 3, lease / 3);

        async Task ExtendAsync()
        {
            try
            {
                if (!await store.ExtendClaimAsync(claimKey, owner, lease, CancellationToken.None).ConfigureAwait(false))
                {
                    LogClaimLost(claimKey.Relative);
                }
            }
            catch (StoreUnavailableException)
            {
                // The next tick tries again; the lease still has two thirds to run.
            }
        }
    }

    [LoggerMessage(EventId = 4814, Level = LogLevel.Warning, Message = "The digest claim {ClaimKey} was lost while sending; another instance may send it too.")]
    private partial void LogClaimLost(string claimKey);

    [LoggerMessage(EventId = 4810, Level = LogLevel.Warning, Message = "The digest for conversation {ConversationId} is paused: Teams answered 403 (bot removed or blocked).")]
    private partial void LogPaused(string conversationId);

    [LoggerMessage(EventId = 4811, Level = LogLevel.Information, Message = "The digest for conversation {ConversationId} on {LocalDate} was missed by too much and is skipped.")]
    private partial void LogSkipped(string conversationId, string localDate);

    [LoggerMessage(EventId = 4812, Level = LogLevel.Warning, Message = "Sending the digest for conversation {ConversationId} failed; it is retried.")]
    private partial void LogFailed(Exception exception, string conversationId);
}

/// <summary>Sleeps until the earliest due digest (at most <see cref="DigestOptions.PollInterval"/>), then sends what is due.</summary>
internal sealed partial class DigestScheduler(
    DigestDispatcher dispatcher,
    DigestSubscriptionStore subscriptions,
    IWorkerHeartbeats heartbeats,
    TimeProvider clock,
    IOptions<DigestOptions> options,
    ILogger<DigestScheduler> logger) : BackgroundService
{
    public const string WorkerName = "digest";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = options.Value.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            heartbeats.Beat(WorkerName, poll * 3);
            var delay = poll;
            try
            {
                await dispatcher.RunDueAsync(clock.GetUtcNow(), stoppingToken).ConfigureAwait(false);
                if (await subscriptions.EarliestAsync(stoppingToken).ConfigureAwait(false) is { } earliest)
                {
                    var untilDue = earliest - clock.GetUtcNow();
                    delay = untilDue < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : untilDue < poll ? untilDue : poll;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogLoopFailed(ex);
            }

            try
            {
                await Task.Delay(delay, clock, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 4813, Level = LogLevel.Warning, Message = "The digest scheduler failed; it tries again shortly.")]
    private partial void LogLoopFailed(Exception exception);
}
