using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SocialBot.Bot.Features.Trends;

namespace SocialBot.Bot.Tests.Features.Trends;

public sealed class TimedTrendNarratorTests
{
    private static readonly IReadOnlyList<TrendingTerm> Terms =
        [new(TermKind.Hashtag, "#launchday", "#LaunchDay", 40, 10, 300, false, 9.5, [40], new ToneMix(4, 30, 6))];

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 10, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task NarrateAsync_NarratorAnswers_ReturnsTrimmedText()
    {
        var narrator = Timed(new FakeNarrator((_, _) => Task.FromResult<string?>("  Launch chatter is up.  ")));

        Assert.Equal("Launch chatter is up.", await narrator.NarrateAsync(Terms, TrendWindow.Day, CancellationToken.None));
    }

    [Fact]
    public async Task NarrateAsync_NarratorThrows_ReturnsNull()
    {
        var narrator = Timed(new FakeNarrator((_, _) => throw new HttpRequestException("model down")));

        Assert.Null(await narrator.NarrateAsync(Terms, TrendWindow.Day, CancellationToken.None));
    }

    [Fact]
    public async Task NarrateAsync_NarratorFaultsLater_ReturnsNull()
    {
        var narrator = Timed(new FakeNarrator(async (_, token) =>
        {
            await Task.Yield();
            throw new InvalidOperationException("bad response");
        }));

        Assert.Null(await narrator.NarrateAsync(Terms, TrendWindow.Day, CancellationToken.None));
    }

    [Fact]
    public async Task NarrateAsync_NarratorHangs_NullAfterTimeoutAndInnerCancelled()
    {
        CancellationToken seen = default;
        var narrator = Timed(new FakeNarrator(async (_, token) =>
        {
            seen = token;
            await Task.Delay(Timeout.Infinite, token);
            return "never";
        }));

        var narrating = narrator.NarrateAsync(Terms, TrendWindow.Day, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(2.9));
        Assert.False(narrating.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(0.1));

        Assert.Null(await narrating);
        Assert.True(seen.IsCancellationRequested);
    }

    [Fact]
    public async Task NarrateAsync_NarratorIgnoresCancellation_StillNullAfterTimeout()
    {
        var never = new TaskCompletionSource<string?>();
        var narrator = Timed(new FakeNarrator((_, _) => never.Task));

        var narrating = narrator.NarrateAsync(Terms, TrendWindow.Day, CancellationToken.None);
        _time.Advance(TimedTrendNarrator.DefaultTimeout);

        Assert.Null(await narrating);
    }

    [Fact]
    public async Task NarrateAsync_AnswerBeforeTimeout_ReturnsIt()
    {
        var answer = new TaskCompletionSource<string?>();
        var narrator = Timed(new FakeNarrator((_, _) => answer.Task));

        var narrating = narrator.NarrateAsync(Terms, TrendWindow.Day, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(2));
        answer.SetResult("Just in time.");

        Assert.Equal("Just in time.", await narrating);
    }

    [Fact]
    public async Task NarrateAsync_CallerCancels_Propagates()
    {
        using var cancellation = new CancellationTokenSource();
        var narrator = Timed(new FakeNarrator(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return "never";
        }));

        var narrating = narrator.NarrateAsync(Terms, TrendWindow.Day, cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => narrating);
    }

    [Fact]
    public async Task NarrateAsync_NoTerms_DoesNotAskTheNarrator()
    {
        var calls = 0;
        var narrator = Timed(new FakeNarrator((_, _) =>
        {
            calls++;
            return Task.FromResult<string?>("text");
        }));

        Assert.Null(await narrator.NarrateAsync([], TrendWindow.Day, CancellationToken.None));
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task NoTrendNarrator_Always_Null()
    {
        Assert.Null(await Timed(new NoTrendNarrator()).NarrateAsync(Terms, TrendWindow.Week, CancellationToken.None));
    }

    private TimedTrendNarrator Timed(ITrendNarrator inner) => new(inner, _time, NullLogger<TimedTrendNarrator>.Instance);

    private sealed class FakeNarrator(Func<IReadOnlyList<TrendingTerm>, CancellationToken, Task<string?>> narrate) : ITrendNarrator
    {
        public Task<string?> NarrateAsync(IReadOnlyList<TrendingTerm> terms, TrendWindow window, CancellationToken cancellationToken) =>
            narrate(terms, cancellationToken);
    }
}
