using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SocialBot.Bot.Observability.Health;

/// <summary>
/// Ready only while every <see cref="BackgroundService"/> of the host is still running (a finished or faulted
/// <c>ExecuteTask</c> means the worker is gone) and every heartbeat reported to <see cref="WorkerHeartbeats"/> is fresh.
/// Covers workers added later without registering anything: they are hosted services.
/// </summary>
internal sealed class BackgroundWorkersHealthCheck(
    IEnumerable<IHostedService> hostedServices,
    WorkerHeartbeats heartbeats,
    TimeProvider clock) : IHealthCheck
{
    public const string Name = "background-workers";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var worker in hostedServices.OfType<BackgroundService>())
        {
            var name = worker.GetType().Name;
            var state = worker.ExecuteTask switch
            {
                null => "not started",
                { IsFaulted: true } => "failed",
                { IsCompleted: true } => "stopped",
                _ => "running",
            };
            data[name] = state;
            if (state != "running")
            {
                problems.Add($"{name} is {state}");
            }
        }

        var now = clock.GetUtcNow();
        foreach (var beat in heartbeats.Snapshot())
        {
            var silence = now - beat.LastBeat;
            var fresh = silence <= beat.StaleAfter;
            data["heartbeat:" + beat.Worker] = fresh ? "fresh" : $"stale for {silence.TotalSeconds:0} s";
            if (!fresh)
            {
                problems.Add($"{beat.Worker} has not reported for {silence.TotalSeconds:0} s (limit {beat.StaleAfter.TotalSeconds:0} s)");
            }
        }

        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy($"{data.Count} worker signal(s) fine.", data)
            : HealthCheckResult.Unhealthy(string.Join("; ", problems), data: data));
    }
}
