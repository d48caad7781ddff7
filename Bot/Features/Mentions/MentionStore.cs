using Microsoft.Extensions.Options;
using SocialBot.Bot.Features.Mentions.Scoring;
using SocialBot.Bot.Ingestion;
using SocialBot.Bot.State;

namespace SocialBot.Bot.Features.Mentions;

/// <summary>
/// Processed mentions for the retention period: the document with its verdict and handling state, an index by time
/// (digest, recent lists) and an index of unhandled mentions per conversation ordered by priority, then recency.
/// </summary>
internal sealed class MentionStore(IStateStore store, IOptions<MentionRetentionOptions> retention)
{
    private const int MaxAttempts = 10;

    /// <returns>False when the mention was stored before (a redelivery).</returns>
    public async Task<bool> AddAsync(StoredMention mention, CancellationToken ct)
    {
        var tenant = Tenant(mention.Mention.TenantId);
        var ttl = retention.Value.Retention;
        var transaction = new StoreTransaction()
            .RequireAbsent(DocumentKey(tenant, mention.Key))
            .PutDocument(DocumentKey(tenant, mention.Key), mention, MentionsJsonContext.Default.StoredMention, ttl)
            .SortedSetAdd(RecentKey(tenant), mention.Key, mention.Mention.CreatedAt.ToUnixTimeMilliseconds())
            .Expire(RecentKey(tenant), ttl);
        if (mention.Priority != MentionPriority.Low)
        {
            foreach (var conversation in mention.Conversations)
            {
                transaction.SortedSetAdd(UnhandledKey(tenant, conversation), mention.Key, UnhandledScore(mention)).Expire(UnhandledKey(tenant, conversation), ttl);
            }

            if (mention.Conversations.Count > 0)
            {
                transaction.SortedSetAdd(UnhandledKey(tenant), mention.Key, UnhandledScore(mention)).Expire(UnhandledKey(tenant), ttl);
            }
        }

        return await store.CommitAsync(transaction, ct).ConfigureAwait(false);
    }

    public async Task<StoredMention?> GetAsync(string tenantId, string key, CancellationToken ct) =>
        key.Length is > 0 and <= 64 && key.All(char.IsAsciiLetterOrDigit)
            ? (await store.GetAsync(DocumentKey(Tenant(tenantId), key), MentionsJsonContext.Default.StoredMention, ct).ConfigureAwait(false))?.Value
            : null;

    /// <summary>Applies <paramref name="change"/> with compare-and-set; null from it means "nothing to change".</summary>
    public async Task<StoredMention?> UpdateAsync(string tenantId, string key, Func<StoredMention, StoredMention?> change, CancellationToken ct)
    {
        var tenant = Tenant(tenantId);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var stored = await store.GetAsync(DocumentKey(tenant, key), MentionsJsonContext.Default.StoredMention, ct).ConfigureAwait(false);
            if (stored is null)
            {
                return null;
            }

            if (change(stored.Value) is not { } next)
            {
                return stored.Value;
            }

            var transaction = new StoreTransaction()
                .RequireVersion(DocumentKey(tenant, key), stored.Version)
                .PutDocument(DocumentKey(tenant, key), next, MentionsJsonContext.Default.StoredMention, retention.Value.Retention);
            if (next.HandledAt is not null)
            {
                foreach (var conversation in next.Conversations)
                {
                    transaction.SortedSetRemove(UnhandledKey(tenant, conversation), key);
                }

                transaction.SortedSetRemove(UnhandledKey(tenant), key);
            }

            if (await store.CommitAsync(transaction, ct).ConfigureAwait(false))
            {
                return next;
            }
        }

        throw new InvalidOperationException("The mention kept changing; try again.");
    }

    /// <summary>
    /// Unhandled mentions of a conversation, or of every conversation when <paramref name="conversationId"/> is null;
    /// High first, newest first within a priority.
    /// </summary>
    public async Task<(IReadOnlyList<StoredMention> Mentions, long Total)> UnhandledAsync(string tenantId, string? conversationId, int take, CancellationToken ct)
    {
        var tenant = Tenant(tenantId);
        var key = conversationId is null ? UnhandledKey(tenant) : UnhandledKey(tenant, conversationId);
        var members = await store.SortedSetRangeByRankAsync(key, 0, take - 1, StoreOrder.Descending, ct).ConfigureAwait(false);
        var total = await store.SortedSetCountAsync(key, cancellationToken: ct).ConfigureAwait(false);
        return (await ReadAsync(tenant, members.Select(m => m.Member), ct).ConfigureAwait(false), total);
    }

    /// <summary>Mentions created in [from, to), oldest first.</summary>
    public async Task<IReadOnlyList<StoredMention>> BetweenAsync(string tenantId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var tenant = Tenant(tenantId);
        var members = await store.SortedSetRangeByScoreAsync(RecentKey(tenant), from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds() - 1, cancellationToken: ct).ConfigureAwait(false);
        return await ReadAsync(tenant, members.Select(m => m.Member), ct).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<StoredMention>> ReadAsync(string tenant, IEnumerable<string> keys, CancellationToken ct) =>
        store.GetExistingAsync([.. keys.Select(key => DocumentKey(tenant, key))], MentionsJsonContext.Default.StoredMention, ct);

    public static string Tenant(string tenantId) => StoreKey.TenantOrDefault(tenantId);

    private static double UnhandledScore(StoredMention mention) => ((int)mention.Priority * 1e13) + mention.Mention.CreatedAt.ToUnixTimeMilliseconds();

    private static StoreKey DocumentKey(string tenant, string key) => StoreKey.For(tenant, "mentions", "doc", key);

    private static StoreKey RecentKey(string tenant) => StoreKey.For(tenant, "mentions", "recent");

    private static StoreKey UnhandledKey(string tenant) => StoreKey.For(tenant, "mentions", "unhandled-all");

    private static StoreKey UnhandledKey(string tenant, string conversationId) => StoreKey.For(tenant, "mentions", "unhandled", StoreKey.Digest(conversationId));
}
