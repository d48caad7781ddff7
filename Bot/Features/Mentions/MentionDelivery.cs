using System.Globalization;
using Microsoft.Extensions.Options;
using SocialBot.Bot.Features.Mentions.Scoring;
using SocialBot.Bot.Proactive;
using SocialBot.Bot.State;
using SocialBot.Bot.Turns;
using SocialBot.Cards.Mentions;

namespace SocialBot.Bot.Features.Mentions;

/// <summary>
/// Gets a processed mention to a conversation: High at once as an alert card (up to the hourly cap), Normal and
/// over-cap into the conversation's next batch (held over quiet hours unless it carries an over-cap High), Low to the
/// digest only. A claim per (mention, conversation) makes a
/// redelivered mention or a second instance alert once; it is a short lease until the send succeeded, so a crash
/// mid-send lets the redelivery try again.
/// </summary>
internal sealed partial class MentionDelivery(
    IStateStore store,
    IConversationReferenceStore references,
    IProactiveSender sender,
    MentionPresenter presenter,
    IOptions<MentionsOptions> options,
    QuietHours quietHours,
    TimeProvider clock,
    ILogger<MentionDelivery> logger)
{
    public static readonly StoreKey DueBatches = StoreKey.Global("mentions", "batch-due");
    // Shorter than the worker's retries add up to (1 + 2 + 4 + 8 + 16 s), so a delivery left by a crashed instance is
    // taken over before the mention is given up on.
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Delivered = TimeSpan.FromDays(31);
    private readonly string owner = Environment.MachineName + ":" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ":" + Guid.NewGuid().ToString("N")[..8];

    public async Task DeliverAsync(StoredMention mention, string conversationId, string? ruleQuery, CancellationToken ct)
    {
        if (mention.Priority == MentionPriority.Low)
        {
            return;
        }

        var tenant = MentionStore.Tenant(mention.Mention.TenantId);
        if (mention.Mention.Author.Handle is { Length: > 0 } handle && await IsMutedAsync(tenant, handle, ct).ConfigureAwait(false))
        {
            return;
        }

        var done = StoreKey.For(tenant, "mentions", "delivered-done", mention.Key, StoreKey.Digest(conversationId));
        if (await store.GetAsync(done, ct).ConfigureAwait(false) is not null)
        {
            return;
        }

        var claim = StoreKey.For(tenant, "mentions", "delivered", mention.Key, StoreKey.Digest(conversationId));
        if (!await store.TryClaimAsync(claim, owner, Lease, ct).ConfigureAwait(false))
        {
            // Another instance is sending it, or was and crashed: either way the queue entry must stay until it is done.
            throw new MentionDeliveryInProgressException();
        }

        try
        {
            // The reference first: a chat the bot cannot reach must not use up its hourly alerts.
            if (mention.Priority == MentionPriority.High
                && await references.FindAsync(mention.Mention.TenantId, conversationId, ct).ConfigureAwait(false) is { } reference
                && await UnderCapAsync(tenant, conversationId, ct).ConfigureAwait(false))
            {
                await sender.SendAsync(reference, CardActivities.Message(reference, MentionCards.Alert(presenter.View(mention, ruleQuery))), ct).ConfigureAwait(false);
            }
            else
            {
                await AddToBatchAsync(tenant, conversationId, mention, ct).ConfigureAwait(false);
            }

            await store.PutAsync(done, "{}"u8.ToArray(), PutCondition.Always, Delivered, ct).ConfigureAwait(false);
            await store.ReleaseClaimAsync(claim, owner, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await store.ReleaseClaimAsync(claim, owner, CancellationToken.None).ConfigureAwait(false);
            LogDeliveryFailed(logger, exception);
            throw;
        }
    }

    public Task MuteAsync(string tenantId, string handle, CancellationToken ct) =>
        store.SortedSetAddAsync(MutedKey(MentionStore.Tenant(tenantId)), handle.ToLowerInvariant(), clock.GetUtcNow().ToUnixTimeSeconds(), ct);

    public static StoreKey BatchKey(string tenant, string conversationId) => StoreKey.For(tenant, "mentions", "batch", StoreKey.Digest(conversationId));

    public static string DueMember(string tenant, string conversationId) => tenant + "|" + conversationId;

    private async Task<bool> IsMutedAsync(string tenant, string handle, CancellationToken ct) =>
        await store.SortedSetScoreAsync(MutedKey(tenant), handle.ToLowerInvariant(), ct).ConfigureAwait(false) is not null;

    private async Task<bool> UnderCapAsync(string tenant, string conversationId, CancellationToken ct)
    {
        var hour = clock.GetUtcNow().ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
        var sent = await store.IncrementAsync(StoreKey.For(tenant, "mentions", "alerts", StoreKey.Digest(conversationId), hour), 1, TimeSpan.FromHours(2), ct).ConfigureAwait(false);
        return sent <= options.Value.MaxAlertsPerHour;
    }

    private async Task AddToBatchAsync(string tenant, string conversationId, StoredMention mention, CancellationToken ct)
    {
        await store.SortedSetAddAsync(BatchKey(tenant, conversationId), mention.Key, mention.Mention.CreatedAt.ToUnixTimeMilliseconds(), ct).ConfigureAwait(false);
        var member = DueMember(tenant, conversationId);
        var soon = clock.GetUtcNow() + options.Value.BatchInterval;
        var due = mention.Priority == MentionPriority.High ? soon : quietHours.NextAllowed(soon);
        var scheduled = await store.SortedSetScoreAsync(DueBatches, member, ct).ConfigureAwait(false);

        // A High mention over the hourly cap must not sleep through the night in a batch held by quiet hours.
        if (scheduled is null || scheduled > due.ToUnixTimeSeconds())
        {
            await store.SortedSetAddAsync(DueBatches, member, due.ToUnixTimeSeconds(), ct).ConfigureAwait(false);
        }
    }

    /// <summary>Schedules a batch that gained mentions while the previous one was being sent.</summary>
    public Task RescheduleAsync(string tenant, string conversationId, CancellationToken ct) =>
        store.SortedSetAddAsync(DueBatches, DueMember(tenant, conversationId), quietHours.NextAllowed(clock.GetUtcNow() + options.Value.BatchInterval).ToUnixTimeSeconds(), ct);

    private static StoreKey MutedKey(string tenant) => StoreKey.For(tenant, "mentions", "muted");

    [LoggerMessage(EventId = 5301, Level = LogLevel.Warning, Message = "A mention alert could not be delivered; the queue will retry it")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception);
}

/// <summary>The mention's delivery to a chat is claimed by another instance; the queue retries it later.</summary>
internal sealed class MentionDeliveryInProgressException() : Exception("Another instance holds the delivery of this mention to this chat; it is retried after that claim's lease.");
