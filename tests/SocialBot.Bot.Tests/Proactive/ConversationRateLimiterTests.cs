using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SocialBot.Bot.Proactive;
using SocialBot.Bot.Protocol.Connector;

namespace SocialBot.Bot.Tests.Proactive;

public sealed class ConversationRateLimiterTests : IDisposable
{
    private const string Tenant = "tenant-1";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
    private ConversationRateLimiter? _limiter;

    public void Dispose() => _limiter?.Dispose();

    private ConversationRateLimiter Create(Action<ProactiveOptions>? configure = null)
    {
        var options = new ProactiveOptions { SafetyMargin = TimeSpan.Zero };
        configure?.Invoke(options);
        _limiter = new ConversationRateLimiter(Options.Create(options), _time);
        return _limiter;
    }

    /// <summary>Asks for <paramref name="count"/> slots; the calls of those granted at once finish at once.</summary>
    private static List<Task> Acquire(ConversationRateLimiter limiter, string conversationId, int count)
    {
        var slots = Enumerable.Range(0, count).Select(_ => limiter.WaitAsync(Tenant, conversationId, CancellationToken.None)).ToList();
        FinishGranted(slots);
        return [.. slots];
    }

    private static void FinishGranted(IEnumerable<Task<ConversationRateLimiter.RequestSlot>> slots)
    {
        foreach (var slot in slots.Where(s => s.IsCompletedSuccessfully))
        {
            slot.Result.Dispose();
        }
    }

    /// <summary>Not granted until <paramref name="wait"/> has passed, and granted then.</summary>
    private void AssertGrantedAfter(Task slot, TimeSpan wait)
    {
        _time.Advance(wait - TimeSpan.FromMilliseconds(1));
        Assert.False(slot.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(slot.IsCompletedSuccessfully);
    }

    [Fact]
    public void WaitAsync_EightInOneSecond_EighthWaitsUntilTheWindowFrees()
    {
        var limiter = Create();

        var slots = Acquire(limiter, "a:1", 8);

        Assert.All(slots.Take(7), s => Assert.True(s.IsCompletedSuccessfully));
        Assert.False(slots[7].IsCompleted);
        AssertGrantedAfter(slots[7], TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task OnThrottled_TheClientsOwnRetryIsBookedInTheTenantBudget()
    {
        var limiter = Create(o => o.PerTenantPerSecond = 3);
        (await limiter.WaitAsync(Tenant, "a:throttled", CancellationToken.None)).Dispose();
        ((IConnectorThrottleObserver)limiter).OnThrottled("a:throttled", TimeSpan.FromSeconds(2));
        _time.Advance(TimeSpan.FromSeconds(2));

        // The retry goes out now without a slot; with it booked, two more requests fit in this second, not three.
        var others = Enumerable.Range(0, 3).Select(i => limiter.WaitAsync(Tenant, "a:other" + i, CancellationToken.None)).ToList();

        Assert.Equal(2, others.Count(t => t.IsCompletedSuccessfully));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.All(others, t => Assert.True(t.IsCompletedSuccessfully));
    }

    [Fact]
    public async Task WaitAsync_SlotsFinishedLater_WindowCountsFromWhenTheCallsFinished()
    {
        var limiter = Create();
        var first = Enumerable.Range(0, 7).Select(_ => limiter.WaitAsync(Tenant, "a:1", CancellationToken.None)).ToList();
        _time.Advance(TimeSpan.FromMilliseconds(500));
        foreach (var slot in first)
        {
            (await slot).Dispose();
        }

        var eighth = limiter.WaitAsync(Tenant, "a:1", CancellationToken.None);

        AssertGrantedAfter(eighth, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task WaitAsync_CallsStillInFlight_HoldTheWindowUntilTheyFinish()
    {
        var limiter = Create();
        var inFlight = Enumerable.Range(0, 7).Select(_ => limiter.WaitAsync(Tenant, "a:1", CancellationToken.None)).ToList();
        var eighth = limiter.WaitAsync(Tenant, "a:1", CancellationToken.None);

        // A slow machine: the seven calls have not reached Teams yet, so they may all still land in one second.
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.False(eighth.IsCompleted);

        (await inFlight[0]).Dispose();
        Assert.False(eighth.IsCompleted);
        AssertGrantedAfter(eighth, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task WaitAsync_TenantCallsInFlight_NextCallWaitsForOneToFinish()
    {
        var limiter = Create(o => o.PerTenantPerSecond = 2);
        var first = limiter.WaitAsync(Tenant, "a:1", CancellationToken.None);
        var second = limiter.WaitAsync(Tenant, "a:2", CancellationToken.None);
        var third = limiter.WaitAsync(Tenant, "a:3", CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.False(third.IsCompleted);
        (await first).Dispose();
        (await second).Dispose();
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(third.IsCompletedSuccessfully);
    }

    [Fact]
    public void WaitAsync_SafetyMargin_AddedToTheWindow()
    {
        var limiter = Create(o => o.SafetyMargin = TimeSpan.FromMilliseconds(100));

        var slots = Acquire(limiter, "a:1", 8);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(slots[7].IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True(slots[7].IsCompletedSuccessfully);
    }

    [Fact]
    public void WaitAsync_SixtyOneIn30Seconds_SixtyFirstWaitsForTheThirtySecondWindow()
    {
        var limiter = Create();
        var slots = new List<Task>();

        // 7 per second for 9 seconds = 60 (the last second takes 4), all within the per-second limit.
        for (var second = 0; slots.Count < 60; second++)
        {
            slots.AddRange(Acquire(limiter, "a:1", Math.Min(7, 60 - slots.Count)));
            Assert.All(slots, s => Assert.True(s.IsCompletedSuccessfully));
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        var sixtyFirst = limiter.WaitAsync(Tenant, "a:1", CancellationToken.None);

        Assert.False(sixtyFirst.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.False(sixtyFirst.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1)); // 30 s after the first seven
        Assert.True(sixtyFirst.IsCompletedSuccessfully);
    }

    [Fact]
    public void WaitAsync_OtherConversation_NotSlowedByABusyOne()
    {
        var limiter = Create();
        Acquire(limiter, "a:busy", 20);

        var other = limiter.WaitAsync(Tenant, "a:quiet", CancellationToken.None);

        Assert.True(other.IsCompletedSuccessfully);
    }

    [Fact]
    public void WaitAsync_TenantCap_LimitsAllConversationsOfTheTenant()
    {
        var limiter = Create(o => o.PerTenantPerSecond = 30);

        var slots = Enumerable.Range(0, 5).SelectMany(i => Acquire(limiter, $"a:{i}", 7)).ToList();

        Assert.Equal(30, slots.Count(s => s.IsCompletedSuccessfully));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.All(slots, s => Assert.True(s.IsCompletedSuccessfully));
        Assert.True(limiter.WaitAsync("another-tenant", "a:0-elsewhere", CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public void WaitAsync_BusyConversationHoldsTheTenantBudget_QuietConversationServedInTheNextRound()
    {
        var limiter = Create(o =>
        {
            o.PerTenantPerSecond = 10;
            o.PerConversationPerSecond = 100;
            o.PerConversationPer30Seconds = 1000;
        });
        var busy = Acquire(limiter, "a:busy", 40);
        var quiet = limiter.WaitAsync(Tenant, "a:quiet", CancellationToken.None);
        Assert.Equal(10, busy.Count(s => s.IsCompleted));
        Assert.False(quiet.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(quiet.IsCompletedSuccessfully);
        Assert.Equal(19, busy.Count(s => s.IsCompleted));
    }

    [Fact]
    public void Pause_AfterThrottling_ConversationWaitsThatLongOthersDoNot()
    {
        var limiter = Create();
        ((IConnectorThrottleObserver)limiter).OnThrottled("a:1", TimeSpan.FromSeconds(5));

        var paused = limiter.WaitAsync(Tenant, "a:1", CancellationToken.None);
        var other = limiter.WaitAsync(Tenant, "a:2", CancellationToken.None);

        Assert.True(other.IsCompletedSuccessfully);
        AssertGrantedAfter(paused, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task WaitAsync_CancelledWhileQueued_CancelsAndFreesItsTurn()
    {
        var limiter = Create();
        Acquire(limiter, "a:1", 7);
        using var cts = new CancellationTokenSource();
        var cancelled = limiter.WaitAsync(Tenant, "a:1", cts.Token);
        var next = limiter.WaitAsync(Tenant, "a:1", CancellationToken.None);

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(next.IsCompletedSuccessfully);
        // The cancelled waiter took no slot: six more fit into this second, the seventh does not.
        Assert.All(Acquire(limiter, "a:1", 6), s => Assert.True(s.IsCompletedSuccessfully));
        Assert.False(limiter.WaitAsync(Tenant, "a:1", CancellationToken.None).IsCompleted);
    }

    [Fact]
    public void WaitAsync_NoConversation_CountsAgainstTheTenantOnly()
    {
        var limiter = Create(o => o.PerTenantPerSecond = 10);

        var creates = Enumerable.Range(0, 11).Select(_ => limiter.WaitAsync(Tenant, conversationId: null, CancellationToken.None)).ToList();
        FinishGranted(creates);

        Assert.Equal(10, creates.Count(c => c.IsCompletedSuccessfully));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(creates[10].IsCompletedSuccessfully);
    }
}
