using System.Text.Json;
using Microsoft.Extensions.Options;
using SocialBot.Bot.State;

namespace SocialBot.Bot.Ingestion;

internal enum EnqueueOutcome
{
    Accepted,
    Duplicate,
}

/// <summary>
/// The durable ingestion queue: a Redis stream (<c>{global}:ingest</c>) read by the consumer group
/// <see cref="Group"/>, plus one "seen" claim per (tenant, source, id) that lives for the retention period.
/// <para>
/// Guarantee: a mention answered as accepted or duplicate is already in the stream (or was processed), so it is
/// never lost. The order is <em>append first, then claim</em>: the stream (global) and the claim (per tenant) live in
/// different Redis Cluster slots, so one transaction cannot hold both. A crash between the two leaves an entry with
/// no claim: the sender gets no 202 and retries, and the worker settles who wins with the same claim, whose owner is
/// the stream entry id. An entry whose claim belongs to another entry is a duplicate and is acknowledged without
/// processing. So each (tenant, source, id) is handed to <see cref="IMentionProcessor"/> for one stream entry only,
/// and that entry is delivered at least once (again after a crash before its acknowledgement).
/// </para>
/// </summary>
internal sealed class MentionQueue(IStateStore store, IOptions<MentionRetentionOptions> retention)
{
    public const string Group = "mention-workers";
    public static readonly StoreKey Stream = StoreKey.Global("ingest");
    public static readonly StoreKey DeadLetters = StoreKey.Global("ingest", "dead");

    public static StoreKey SeenKey(IncomingMention mention) =>
        StoreKey.For(mention.TenantId, "ingest-seen", MentionDigest(mention));

    public static string MentionDigest(IncomingMention mention) => StoreKey.Digest(mention.Source.WireName() + ":" + mention.Id);

    public static StoreKey AttemptsKey(string entryId) => StoreKey.Global("ingest", "attempts", entryId);

    /// <summary>Mentions queued or being processed (acknowledged entries are deleted from the stream).</summary>
    public Task<long> BacklogAsync(CancellationToken ct) => store.StreamLengthAsync(Stream, ct);

    public async Task<EnqueueOutcome> EnqueueAsync(IncomingMention mention, CancellationToken ct)
    {
        var seen = SeenKey(mention);
        if (await store.GetClaimOwnerAsync(seen, ct).ConfigureAwait(false) is not null)
        {
            return EnqueueOutcome.Duplicate;
        }

        var entryId = await store.StreamAppendAsync(Stream, JsonSerializer.Serialize(mention, IngestionJsonContext.Default.IncomingMention), cancellationToken: ct).ConfigureAwait(false);
        return await OwnsAsync(seen, entryId, ct).ConfigureAwait(false) ? EnqueueOutcome.Accepted : EnqueueOutcome.Duplicate;
    }

    /// <summary>
    /// True when <paramref name="entryId"/> is (now) the entry that carries this mention; false when another entry
    /// already does. Used by the endpoint after appending and by the worker before processing.
    /// </summary>
    public Task<bool> IsOwnEntryAsync(IncomingMention mention, string entryId, CancellationToken ct) => OwnsAsync(SeenKey(mention), entryId, ct);

    private async Task<bool> OwnsAsync(StoreKey seen, string entryId, CancellationToken ct)
    {
        if (await store.TryClaimAsync(seen, entryId, retention.Value.Retention, ct).ConfigureAwait(false))
        {
            return true;
        }

        // Either a concurrent post of the same mention won, or the worker already claimed on this entry's behalf.
        var owner = await store.GetClaimOwnerAsync(seen, ct).ConfigureAwait(false);
        return owner is null ? await store.TryClaimAsync(seen, entryId, retention.Value.Retention, ct).ConfigureAwait(false) : owner == entryId;
    }
}
