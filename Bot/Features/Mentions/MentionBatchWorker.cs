using System.Globalization;
using Microsoft.Extensions.Options;
using SocialBot.Bot.Observability.Health;
using SocialBot.Bot.Proactive;
using SocialBot.Bot.State;
using SocialBot.Bot.Turns;
using SocialBot.Cards.Mentions;

namespace SocialBot.Bot.Features.Mentions;

/// <summary>
/// Sends each conversation's batch of Normal mentions ("7 new mentions") when it is due. Due batches live in the store,
/// not in memory, and each is claimed before sending, so a restart loses none and two instances send one card.
/// </summary>
internal sealed partial class MentionBatchWorker(
    IStateStore store,
    MentionStore mentions,
    MentionDelivery delivery,
    IConversationReferenceStore references,
    IProactiveSender sender,
    MentionPresenter presenter,
    IOptions<MentionsOptions> options,
    TimeProvider clock,
    ILogger<MentionBatchWorker> logger,
    IWorkerHeartbeats? heartbeats = null) : BackgroundService
{
    private readonly string owner = Guid.NewGuid().ToString("N");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            heartbeats?.Beat(nameof(MentionBatchWorker), options.Value.BatchPollInterval * 20);
            try
            {
                await SendDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }

            await Task.Delay(options.Value.BatchPollInterval, clock, stoppingToken).ConfigureAwait(false);
        }
    }

    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var due = await store.SortedSetRangeByScoreAsync(MentionDelivery.DueBatches, max: clock.GetUtcNow().ToUnixTimeSeconds(), take: 100, cancellationToken: ct).ConfigureAwait(false);
        var sent = 0;
        foreach (var member in due)
        {
            var parts = member.Member.Split('|', 2);
            if (parts.Length != 2)
            {
                await store.SortedSetRemoveAsync(MentionDelivery.DueBatches, member.Member, ct).ConfigureAwait(false);
                continue;
            }

            var claim = StoreKey.Global("mentions", "batch-lock", StoreKey.Digest(member.Member), member.Score.ToString(CultureInfo.InvariantCulture));
            if (!await store.TryClaimAsync(claim, owner, TimeSpan.FromMinutes(5), ct).ConfigureAwait(false))
            {
                continue;
            }

            if (await SendBatchAsync(parts[0], parts[1], ct).ConfigureAwait(false))
            {
                sent++;
            }

            await store.SortedSetRemoveAsync(MentionDelivery.DueBatches, member.Member, ct).ConfigureAwait(false);

            // Mentions that arrived while this batch was sent saw it still scheduled and did not schedule another.
            if (await store.SortedSetCountAsync(MentionDelivery.BatchKey(parts[0], parts[1]), cancellationToken: ct).ConfigureAwait(false) > 0)
            {
                await delivery.RescheduleAsync(parts[0], parts[1], ct).ConfigureAwait(false);
            }
        }

        return sent;
    }

    private async Task<bool> SendBatchAsync(string tenant, string conversationId, CancellationToken ct)
    {
        var batchKey = MentionDelivery.BatchKey(tenant, conversationId);
        var members = await store.SortedSetRangeByRankAsync(batchKey, cancellationToken: ct).ConfigureAwait(false);
        var batch = (await mentions.ReadAsync(tenant, members.Select(m => m.Member), ct).ConfigureAwait(false))
            .Where(m => m.HandledBy is null)
            .OrderByDescending(m => m.Priority)
            .ThenByDescending(m => m.Mention.Author.Followers ?? 0)
            .ToList();
        var sent = false;
        if (batch.Count > 0 && await references.FindAsync(tenant, conversationId, ct).ConfigureAwait(false) is { } reference)
        {
            var shown = batch.Take(10).Select(m => presenter.View(m, null)).ToList();
            await sender.SendAsync(reference, CardActivities.Message(reference, MentionCards.Summary(MentionPresenter.BatchTitle(batch), shown, batch.Count - shown.Count)), ct).ConfigureAwait(false);
            sent = true;
        }

        foreach (var member in members)
        {
            await store.SortedSetRemoveAsync(batchKey, member.Member, ct).ConfigureAwait(false);
        }

        return sent;
    }

    [LoggerMessage(EventId = 5302, Level = LogLevel.Warning, Message = "Sending mention batches failed; trying again on the next round")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
