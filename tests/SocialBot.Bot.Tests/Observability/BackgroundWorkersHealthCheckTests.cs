using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using SocialBot.Bot.Observability.Health;

namespace SocialBot.Bot.Tests.Observability;

public sealed class BackgroundWorkersHealthCheckTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Check_HeartbeatWithinAllowance_Healthy()
    {
        var beats = new WorkerHeartbeats(clock);
        beats.Beat("mentions", TimeSpan.FromMinutes(1));
        clock.Advance(TimeSpan.FromSeconds(60));

        var result = await CheckAsync(beats);

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task Check_HeartbeatOlderThanAllowance_UnhealthyNamingTheWorker()
    {
        var beats = new WorkerHeartbeats(clock);
        beats.Beat("mentions", TimeSpan.FromMinutes(1));
        beats.Beat("digest", TimeSpan.FromMinutes(10));
        clock.Advance(TimeSpan.FromSeconds(61));

        var result = await CheckAsync(beats);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("mentions has not reported for 61 s", result.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("digest", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_StaleWorkerBeatsAgain_HealthyAgain()
    {
        var beats = new WorkerHeartbeats(clock);
        beats.Beat("mentions", TimeSpan.FromMinutes(1));
        clock.Advance(TimeSpan.FromMinutes(5));
        beats.Beat("mentions", TimeSpan.FromMinutes(1));

        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(beats)).Status);
    }

    [Fact]
    public async Task Check_BackgroundServiceFaulted_Unhealthy()
    {
        using var failing = new FailingWorker();
        await failing.StartAsync(CancellationToken.None);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing.ExecuteTask!);

        var result = await CheckAsync(new WorkerHeartbeats(clock), failing);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("FailingWorker is failed", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_BackgroundServiceNotStarted_Unhealthy()
    {
        using var idle = new FailingWorker();

        var result = await CheckAsync(new WorkerHeartbeats(clock), idle);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("FailingWorker is not started", result.Description, StringComparison.Ordinal);
    }

    private Task<HealthCheckResult> CheckAsync(WorkerHeartbeats beats, params IHostedService[] services) =>
        new BackgroundWorkersHealthCheck(services, beats, clock).CheckHealthAsync(new HealthCheckContext());

    private sealed class FailingWorker : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Yield();
            throw new InvalidOperationException("boom");
        }
    }
}
