using System.Collections.Concurrent;

namespace SocialBot.Bot.Observability.Health;

/// <summary>
/// Background workers report here that their loop is alive. A worker that beat once and then stays silent longer
/// than the interval it promised is reported stale by <c>/readyz</c> (a loop stuck on a hung call, or dead).
/// </summary>
internal interface IWorkerHeartbeats
{
    /// <summary>Reports progress. <paramref name="staleAfter"/>: the longest silence that is still normal for this worker.</summary>
    void Beat(string worker, TimeSpan staleAfter);
}

internal sealed record WorkerHeartbeat(string Worker, DateTimeOffset LastBeat, TimeSpan StaleAfter);

internal sealed class WorkerHeartbeats(TimeProvider clock) : IWorkerHeartbeats
{
    private readonly ConcurrentDictionary<string, WorkerHeartbeat> beats = new(StringComparer.Ordinal);

    public void Beat(string worker, TimeSpan staleAfter)
    {
        ArgumentException.ThrowIfNullOrEmpty(worker);
        beats[worker] = new WorkerHeartbeat(worker, clock.GetUtcNow(), staleAfter);
    }

    public IReadOnlyList<WorkerHeartbeat> Snapshot() => [.. beats.Values.OrderBy(b => b.Worker, StringComparer.Ordinal)];
}
