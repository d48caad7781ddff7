using System.Text.Json.Serialization;
using SocialBot.Bot.State;

namespace SocialBot.Bot.Features.Mentions.Feeds;

/// <summary>A feed followed by one conversation (<c>track feed</c>); numbered F1, F2… in that conversation.</summary>
internal sealed record TrackedFeed(string FeedId, int Number, string Url, string AddedBy, DateTimeOffset AddedAt);

internal sealed record FeedList(IReadOnlyList<TrackedFeed> Feeds, int NextNumber)
{
    public static FeedList Empty { get; } = new([], 1);
}

/// <summary>Where polling of one feed stands: conditional request validators, back-off, the last result.</summary>
internal sealed record FeedState(
    string TenantId,
    string ConversationId,
    string FeedId,
    string Url,
    string? ETag = null,
    string? LastModified = null,
    int Failures = 0,
    bool Primed = false,
    DateTimeOffset? CheckedAt = null,
    string? LastError = null,
    int ItemsDelivered = 0);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FeedList))]
[JsonSerializable(typeof(FeedState))]
internal sealed partial class FeedsJsonContext : JsonSerializerContext;

/// <summary>
/// Feeds per conversation (one CAS document), each feed's polling state, the global due set
/// (<c>{global}:mentions:feed-due</c>, member <c>tenant|feed</c>, score = next poll) and each feed's seen items.
/// </summary>
internal sealed class FeedStore(IStateStore store, TimeProvider clock)
{
    public const int MaxFeedsPerConversation = 10;
    public static readonly StoreKey DueKey = StoreKey.Global("mentions", "feed-due");
    private static readonly TimeSpan SeenKept = TimeSpan.FromDays(30);

    public async Task<IReadOnlyList<TrackedFeed>> ListAsync(string tenantId, string conversationId, CancellationToken ct) =>
        (await store.GetAsync(ListKey(tenantId, conversationId), FeedsJsonContext.Default.FeedList, ct).ConfigureAwait(false))?.Value.Feeds ?? [];

    /// <returns>The new feed; null when the conversation follows it already or has the maximum.</returns>
    public async Task<TrackedFeed?> AddAsync(string tenantId, string conversationId, Uri url, string addedBy, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var stored = await store.GetAsync(ListKey(tenantId, conversationId), FeedsJsonContext.Default.FeedList, ct).ConfigureAwait(false);
            var list = stored?.Value ?? FeedList.Empty;
            if (list.Feeds.Count >= MaxFeedsPerConversation || list.Feeds.Any(f => f.Url == url.AbsoluteUri))
            {
                return null;
            }

            var feed = new TrackedFeed(Guid.NewGuid().ToString("N")[..12], list.NextNumber, url.AbsoluteUri, addedBy, clock.GetUtcNow());
            var state = new FeedState(tenantId, conversationId, feed.FeedId, feed.Url);
            var transaction = stored is null ? new StoreTransaction().RequireAbsent(ListKey(tenantId, conversationId)) : new StoreTransaction().RequireVersion(ListKey(tenantId, conversationId), stored.Version);
            transaction
                .PutDocument(ListKey(tenantId, conversationId), list with { Feeds = [.. list.Feeds, feed], NextNumber = list.NextNumber + 1 }, FeedsJsonContext.Default.FeedList)
                .PutDocument(StateKey(tenantId, feed.FeedId), state, FeedsJsonContext.Default.FeedState);
            if (await store.CommitAsync(transaction, ct).ConfigureAwait(false))
            {
                // The due set is a global key: in a Redis Cluster it cannot share a transaction with the tenant's keys.
                await store.SortedSetAddAsync(DueKey, Member(tenantId, feed.FeedId), clock.GetUtcNow().ToUnixTimeSeconds(), ct).ConfigureAwait(false);
                return feed;
            }
        }

        throw new InvalidOperationException("The feed list kept changing; try again.");
    }

    public async Task<TrackedFeed?> RemoveAsync(string tenantId, string conversationId, int number, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var stored = await store.GetAsync(ListKey(tenantId, conversationId), FeedsJsonContext.Default.FeedList, ct).ConfigureAwait(false);
            if (stored?.Value.Feeds.FirstOrDefault(f => f.Number == number) is not { } feed)
            {
                return null;
            }

            var transaction = new StoreTransaction()
                .RequireVersion(ListKey(tenantId, conversationId), stored.Version)
                .PutDocument(ListKey(tenantId, conversationId), stored.Value with { Feeds = [.. stored.Value.Feeds.Where(f => f != feed)] }, FeedsJsonContext.Default.FeedList)
                .Delete(StateKey(tenantId, feed.FeedId))
                .Delete(SeenKey(tenantId, feed.FeedId));
            if (await store.CommitAsync(transaction, ct).ConfigureAwait(false))
            {
                await store.SortedSetRemoveAsync(DueKey, Member(tenantId, feed.FeedId), ct).ConfigureAwait(false);
                return feed;
            }
        }

        throw new InvalidOperationException("The feed list kept changing; try again.");
    }

    public async Task<FeedState?> StateAsync(string tenantId, string feedId, CancellationToken ct) =>
        (await store.GetAsync(StateKey(tenantId, feedId), FeedsJsonContext.Default.FeedState, ct).ConfigureAwait(false))?.Value;

    /// <summary>Saves the state and the next poll, unless the feed was untracked meanwhile.</summary>
    public async Task SaveAsync(FeedState state, DateTimeOffset nextPoll, CancellationToken ct)
    {
        var current = await store.GetAsync(StateKey(state.TenantId, state.FeedId), FeedsJsonContext.Default.FeedState, ct).ConfigureAwait(false);
        if (current is null)
        {
            return;
        }

        if (await store.CommitAsync(
            new StoreTransaction()
                .RequireVersion(StateKey(state.TenantId, state.FeedId), current.Version)
                .PutDocument(StateKey(state.TenantId, state.FeedId), state, FeedsJsonContext.Default.FeedState),
            ct).ConfigureAwait(false))
        {
            await store.SortedSetAddAsync(DueKey, Member(state.TenantId, state.FeedId), nextPoll.ToUnixTimeSeconds(), ct).ConfigureAwait(false);
        }
    }

    public Task RemoveDueAsync(string member, CancellationToken ct) => store.SortedSetRemoveAsync(DueKey, member, ct);

    public Task<IReadOnlyList<ScoredMember>> DueAsync(DateTimeOffset now, CancellationToken ct) =>
        store.SortedSetRangeByScoreAsync(DueKey, max: now.ToUnixTimeSeconds(), take: 100, cancellationToken: ct);

    /// <returns>True the first time this item of this feed is seen.</returns>
    public async Task<bool> MarkSeenAsync(string tenantId, string feedId, string itemId, CancellationToken ct)
    {
        var key = SeenKey(tenantId, feedId);
        var member = StoreKey.Digest(itemId);
        if (await store.SortedSetScoreAsync(key, member, ct).ConfigureAwait(false) is not null)
        {
            return false;
        }

        await store.CommitAsync(new StoreTransaction().SortedSetAdd(key, member, clock.GetUtcNow().ToUnixTimeMilliseconds()).Expire(key, SeenKept), ct).ConfigureAwait(false);
        return true;
    }

    public static string Member(string tenantId, string feedId) => tenantId + "|" + feedId;

    private static StoreKey ListKey(string tenantId, string conversationId) => StoreKey.For(StoreKey.TenantOrDefault(tenantId), "mentions", "feeds", StoreKey.Digest(conversationId));

    private static StoreKey StateKey(string tenantId, string feedId) => StoreKey.For(StoreKey.TenantOrDefault(tenantId), "mentions", "feed", feedId);

    private static StoreKey SeenKey(string tenantId, string feedId) => StoreKey.For(StoreKey.TenantOrDefault(tenantId), "mentions", "feed-seen", feedId);
}
