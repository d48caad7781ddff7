using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace SocialBot.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that tells tests when code under test starts waiting on a timer (e.g. a
/// <c>Task.Delay(…, timeProvider)</c>), so a test advances time only after the wait is armed — no sleeps, no races.
/// </summary>
public sealed class TimerAwareFakeTimeProvider : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _created = Channel.CreateUnbounded<TimeSpan>();

    public TimerAwareFakeTimeProvider()
        : base(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _created.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits until the next timer is created and returns its due time.</summary>
    public async Task<TimeSpan> NextTimerAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        return await _created.Reader.ReadAsync(cts.Token).ConfigureAwait(false);
    }
}
