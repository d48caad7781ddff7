using Microsoft.Extensions.Time.Testing;
using SocialBot.Bot.State;

namespace SocialBot.Bot.Tests.Turns;

public sealed class TurnDeduplicatorTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero));
    private readonly InMemoryStateStore _store;

    public TurnDeduplicatorTests() => _store = new InMemoryStateStore(_time);

    [Fact]
    public async Task TryBeginAsync_WhileTurnRuns_RedeliveryIsSkipped()
    {
        var first = new TurnDeduplicator(_store);
        Assert.True(await first.TryBeginAsync("conv", "a1", default));

        Assert.False(await new TurnDeduplicator(_store).TryBeginAsync("conv", "a1", default));
    }

    [Fact]
    public async Task TryBeginAsync_ProcessDiedMidTurn_RetryAfterLeaseRuns()
    {
        Assert.True(await new TurnDeduplicator(_store).TryBeginAsync("conv", "a1", default));

        // The first process never completes nor abandons (killed); its lease lapses.
        _time.Advance(TurnDeduplicator.Lease + TimeSpan.FromSeconds(1));

        Assert.True(await new TurnDeduplicator(_store).TryBeginAsync("conv", "a1", default));
    }

    [Fact]
    public async Task CompleteAsync_FinishedTurn_RedeliveryWithinMemoryIsSkipped()
    {
        var deduplicator = new TurnDeduplicator(_store);
        await deduplicator.TryBeginAsync("conv", "a1", default);
        await deduplicator.CompleteAsync("conv", "a1", default);

        _time.Advance(TimeSpan.FromMinutes(59));

        Assert.False(await new TurnDeduplicator(_store).TryBeginAsync("conv", "a1", default));
    }

    [Fact]
    public async Task AbandonAsync_FailedTurn_RetryRunsImmediately()
    {
        var deduplicator = new TurnDeduplicator(_store);
        await deduplicator.TryBeginAsync("conv", "a1", default);
        await deduplicator.AbandonAsync("conv", "a1", default);

        Assert.True(await new TurnDeduplicator(_store).TryBeginAsync("conv", "a1", default));
    }

    [Fact]
    public async Task TryBeginAsync_OtherConversationSameActivityId_RunsBoth()
    {
        var deduplicator = new TurnDeduplicator(_store);

        Assert.True(await deduplicator.TryBeginAsync("conv-1", "a1", default));
        Assert.True(await deduplicator.TryBeginAsync("conv-2", "a1", default));
    }
}
