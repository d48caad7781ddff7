using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SocialBot.Bot.Ingestion;
using SocialBot.Bot.State;

namespace SocialBot.Bot.Tests.Ingestion;

public sealed class MentionQueueTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero));
    private readonly InMemoryStateStore _store;
    private readonly MentionQueue _queue;

    public MentionQueueTests()
    {
        _store = new InMemoryStateStore(_time);
        _queue = new MentionQueue(_store, Options.Create(new MentionRetentionOptions()));
    }

    [Fact]
    public async Task EnqueueAsync_SameMentionTwice_AcceptsOnceAndAppendsOnce()
    {
        Assert.Equal(EnqueueOutcome.Accepted, await _queue.EnqueueAsync(Mention("1"), default));
        Assert.Equal(EnqueueOutcome.Duplicate, await _queue.EnqueueAsync(Mention("1"), default));

        Assert.Equal(1, await _store.StreamLengthAsync(MentionQueue.Stream));
    }

    [Fact]
    public async Task EnqueueAsync_SameIdOtherSourceOrTenant_AreDifferentMentions()
    {
        Assert.Equal(EnqueueOutcome.Accepted, await _queue.EnqueueAsync(Mention("1"), default));
        Assert.Equal(EnqueueOutcome.Accepted, await _queue.EnqueueAsync(Mention("1") with { Source = MentionSource.Reddit }, default));
        Assert.Equal(EnqueueOutcome.Accepted, await _queue.EnqueueAsync(Mention("1") with { TenantId = "tenant-b" }, default));
    }

    [Fact]
    public async Task EnqueueAsync_AfterRetention_AcceptsAgain()
    {
        await _queue.EnqueueAsync(Mention("1"), default);

        _time.Advance(TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));

        Assert.Equal(EnqueueOutcome.Accepted, await _queue.EnqueueAsync(Mention("1"), default));
    }

    [Fact]
    public async Task IsOwnEntryAsync_EntryAppendedButNeverClaimed_ClaimsForThatEntry()
    {
        // A crash between the append and the claim: the worker settles ownership.
        var entryId = await _store.StreamAppendAsync(MentionQueue.Stream, "{}");

        Assert.True(await _queue.IsOwnEntryAsync(Mention("1"), entryId, default));

        // Asking again (a redelivery, or the endpoint after the worker claimed first) still finds the same owner.
        Assert.True(await _queue.IsOwnEntryAsync(Mention("1"), entryId, default));
        Assert.Equal(entryId, await _store.GetClaimOwnerAsync(MentionQueue.SeenKey(Mention("1"))));
    }

    [Fact]
    public async Task IsOwnEntryAsync_MentionCarriedByAnotherEntry_IsFalse()
    {
        await _queue.EnqueueAsync(Mention("1"), default);
        var retried = await _store.StreamAppendAsync(MentionQueue.Stream, "{}");

        Assert.False(await _queue.IsOwnEntryAsync(Mention("1"), retried, default));
    }

    internal static IncomingMention Mention(string id) => new()
    {
        TenantId = "tenant-a",
        Id = id,
        Source = MentionSource.X,
        Author = new MentionAuthor("@ada", null, 10),
        Text = "hello",
        CreatedAt = new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero),
    };
}
