using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using SocialBot.Bot.State;

namespace SocialBot.Bot.Features.Mentions.Feeds;

/// <summary>A feed followed by one conversation (<c>track feed</c>); numbered F1, F2… in that conversation.</summary>
/// <param name="FeedId">Random per subscription: the same address followed again (or by another chat) is a new feed with its own items.</param>
internal sealed record TrackedFeed(string FeedId, int Number, string Url, string AddedBy, DateTimeOffset AddedAt);

internal sealed record FeedList(IReadOnlyList<TrackedFeed> Feeds, int NextNumber)
{
    public static FeedList Empty { get; } = new([], 1);
}

/// <summary>Where polling of one feed stands: conditional request validators, back-off, the last result.</summary>
/// <param name="Primed">The first successful look happened (its items were remembered, not delivered).</param>
/// <param name="ItemsListed">Items the feed listed at its last 200 answer.</param>
/// <param name="ItemsDelivered">New items handed to the mention queue since the feed was followed.</param>
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
    DateTimeOffset? NextPollAt = null,
    string? LastError = null,
    int ItemsListed = 0,
    int ItemsDelivered = 0);

/// <summary>The outcome of <see cref="FeedStore.AddAsync"/>.</summary>
internal sealed record FeedAddResult(TrackedFeed? Added, TrackedFeed? Existing, bool Full);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FeedList))]
[JsonSerializable(typeof(FeedState))]
internal sealed partial class FeedsJsonContext : JsonSerializerContext;

/// <summary>
/// Feeds per conversation (one CAS document), each feed's polling state, the global due set
/// (<c>{global}:mentions:feed-due</c>, member <c>tenant|feed</c>, score = next poll in unix seconds) and one claim per
/// seen item of a feed (kept <see cref="SeenKept"/>).
/// </summary>
internal sealed class FeedStore(IStateStore store, IOptions<FeedOptions> options, TimeProvider clock)
{
    public static readonly StoreKey DueKey = StoreKey.Global("mentions", "feed-due");

    /// <summary>How long an item id is remembered; items published before that are never delivered either.</summary>
    public static readonly TimeSpan SeenKept = TimeSpan.FromDays(30);

    public async Task<IReadOnlyList<TrackedFeed>> ListAsync(string tenantId, string conversationId, CancellationToken ct) =>
        (await store.GetAsync(ListKey(tenantId, conversationId), FeedsJsonContext.Default.FeedList, ct).ConfigureAwait(false))?.Value.Feeds ?? [];

    /// <summary>
    /// Adds the feed to the conversation's list and creates its polling state in one transaction; the first scheduled
    /// poll is one interval away (the caller takes the first look at once).
    /// </summary>
    public async Task<FeedAddResult> AddAsync(string tenantId, string conversationId, Uri url, string addedBy, CancellationToken ct)
    {
        var tenant = StoreKey.TenantOrDefault(tenantId);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var stored = await store.GetAsync(ListKey(tenant, conversationId), FeedsJsonContext.Default.FeedList, ct).ConfigureAwait(false);
            var list = stored?.Value ?? FeedList.Empty;
            if (list.Feeds.FirstOrDefault(f => f.Url == url.AbsoluteUri) is { } existing)
            {
                return new FeedAddResult(null, existing, false);
            }

            if (list.Feeds.Count >= options.Value.MaxFeedsPerConversation)
            {
                return new FeedAddResult(null, null, true);
            }

            var now = clock.GetUtcNow();
            var feed = new TrackedFeed(Guid.NewGuid().ToString("N")[..12], list.NextNumber, url.AbsoluteUri, addedBy, now);
            var state = new FeedState(tenant, conversationId, feed.FeedId, feed.Url, NextPollAt: now + options.Value.FeedPollInterval);
            var transaction = stored is null
                ? new StoreTransaction().RequireAbsent(ListKey(tenant, conversationId))
                : new StoreTransaction().RequireVersion(ListKey(tenant, conversationId), stored.Version);
            transaction
                .PutDocument(ListKey(tenant, conversationId), list with { Feeds = [.. list.Feeds, feed], NextNumber = list.NextNumber + 1 }, FeedsJsonContext.Default.FeedList)
                .PutDocument(StateKey(tenant, feed.FeedId), state, FeedsJsonContext.Default.FeedState);
            if (await store.CommitAsync(transaction, ct).ConfigureAwait(false))
            {
                // The due set is a global key: in a Redis Cluster it cannot share a transaction with the tenant's keys.
                // A crash right here leaves a feed without a due time; the tracker's first look (or the next track) sets it.
                await store.SortedSetAddAsync(DueKey, Member(tenant, feed.FeedId), state.NextPollAt!.Value.ToUnixTimeSeconds(), ct).ConfigureAwait(false);
                return new FeedAddResult(feed, null, false);
            }
        }

        throw new InvalidOperationException("The feed list kept changing; try again.");
    }

    public async Task<TrackedFeed?> RemoveAsync(string tenantId, string conversationId, Func<TrackedFeed, bool> which, CancellationToken ct)
    {
        var tenant = StoreKey.TenantOrDefault(tenantId);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var stored = await store.GetAsync(ListKey(tenant, conversationId), FeedsJsonContext.Default.FeedList, ct).ConfigureAwait(false);
            if (stored?.Value.Feeds.FirstOrDefault(which) is not { } feed)
            {
                return null;
            }

            var transaction = new StoreTransaction()
                .RequireVersion(ListKey(tenant, conversationId), stored.Version)
                .PutDocument(ListKey(tenant, conversationId), stored.Value with { Feeds = [.. stored.Value.Feeds.Where(f => f != feed)] }, FeedsJsonContext.Default.FeedList)
                .Delete(StateKey(tenant, feed.FeedId));
            if (await store.CommitAsync(transaction, ct).ConfigureAwait(false))
            {
                // Seen-item claims expire on their own; a feed followed again gets a new id and starts afresh.
                await store.SortedSetRemoveAsync(DueKey, Member(tenant, feed.FeedId), ct).ConfigureAwait(false);
                return feed;
            }
        }

        throw new InvalidOperationException("The feed list kept changing; try again.");
    }

    public async Task<FeedState?> StateAsync(string tenantId, string feedId, CancellationToken ct) =>
        (await store.GetAsync(StateKey(StoreKey.TenantOrDefault(tenantId), feedId), FeedsJsonContext.Default.FeedState, ct).ConfigureAwait(false))?.Value;

    /// <summary>Saves the state and its next poll (<see cref="FeedState.NextPollAt"/>), unless the feed was untracked meanwhile.</summary>
    /// <returns>False when the feed is gone.</returns>
    public async Task<bool> SaveAsync(FeedState state, CancellationToken ct)
    {
        var key = StateKey(state.TenantId, state.FeedId);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var current = await store.GetAsync(key, FeedsJsonContext.Default.FeedState, ct).ConfigureAwait(false);
            if (current is null)
            {
                return false;
            }

            if (await store.CommitAsync(new StoreTransaction().RequireVersion(key, current.Version).PutDocument(key, state, FeedsJsonContext.Default.FeedState), ct).ConfigureAwait(false))
            {
                await store.SortedSetAddAsync(DueKey, Member(state.TenantId, state.FeedId), (state.NextPollAt ?? clock.GetUtcNow()).ToUnixTimeSeconds(), ct).ConfigureAwait(false);
                return true;
            }
        }

        return false;
    }

    public Task RemoveDueAsync(string member, CancellationToken ct) => store.SortedSetRemoveAsync(DueKey, member, ct);

    public Task<IReadOnlyList<ScoredMember>> DueAsync(DateTimeOffset now, int take, CancellationToken ct) =>
        store.SortedSetRangeByScoreAsync(DueKey, max: now.ToUnixTimeSeconds(), take: take, cancellationToken: ct);

    public async Task<bool> IsSeenAsync(FeedState feed, string itemId, CancellationToken ct) =>
        await store.GetClaimOwnerAsync(SeenKey(feed, itemId), ct).ConfigureAwait(false) is not null;

    /// <summary>Remembers the item for <see cref="SeenKept"/> (an atomic set-if-absent with its own expiry).</summary>
    public Task MarkSeenAsync(FeedState feed, string itemId, CancellationToken ct) =>
        store.TryClaimAsync(SeenKey(feed, itemId), "seen", SeenKept, ct);

    public static string Member(string tenantId, string feedId) => StoreKey.TenantOrDefault(tenantId) + "|" + feedId;

    private static StoreKey SeenKey(FeedState feed, string itemId) =>
        StoreKey.For(StoreKey.TenantOrDefault(feed.TenantId), "mentions", "feed-seen", feed.FeedId, StoreKey.Digest(itemId));

    private static StoreKey ListKey(string tenant, string conversationId) => StoreKey.For(StoreKey.TenantOrDefault(tenant), "mentions", "feeds", StoreKey.Digest(conversationId));

    private static StoreKey StateKey(string tenant, string feedId) => StoreKey.For(StoreKey.TenantOrDefault(tenant), "mentions", "feed", feedId);
}
