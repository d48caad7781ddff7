using System.Text.Json;
using Microsoft.Extensions.Options;
using SocialBot.Bot.State;

namespace SocialBot.Bot.Ingestion;

/// <summary>
/// Takes one accepted mention from the queue (matching, scoring, alerting). Delivery is at least once: after a
/// crash or a failure before the acknowledgement the same mention comes again, so implementations must be idempotent.
/// Throwing means "retry later"; the worker backs off and tries again.
/// </summary>
internal interface IMentionProcessor
{
    Task ProcessAsync(IncomingMention mention, CancellationToken ct);
}

/// <summary>
/// The default processor until the mentions feature takes over: keeps the mention for the retention period and
/// indexes it by time per tenant, so nothing accepted is dropped. Storing twice is a no-op.
/// </summary>
internal sealed class StoringMentionProcessor(IStateStore store, IOptions<MentionRetentionOptions> retention) : IMentionProcessor
{
    public static StoreKey DocumentKey(IncomingMention mention) => StoreKey.For(mention.TenantId, "mention", MentionQueue.MentionDigest(mention));

    public static StoreKey TimeIndexKey(string tenantId) => StoreKey.For(tenantId, "mentions", "by-time");

    public async Task ProcessAsync(IncomingMention mention, CancellationToken ct)
    {
        var key = DocumentKey(mention);
        var ttl = retention.Value.Retention;
        var transaction = new StoreTransaction()
            .RequireAbsent(key)
            .PutDocument(key, JsonSerializer.SerializeToUtf8Bytes(mention, IngestionJsonContext.Default.IncomingMention), ttl)
            .SortedSetAdd(TimeIndexKey(mention.TenantId), MentionQueue.MentionDigest(mention), mention.CreatedAt.ToUnixTimeMilliseconds())
            // The index outlives its newest member by the retention period; readers skip members whose document expired.
            .Expire(TimeIndexKey(mention.TenantId), ttl);

        // A failed condition means an earlier delivery stored it already.
        await store.CommitAsync(transaction, ct).ConfigureAwait(false);
    }
}
