using System.Diagnostics;

namespace SocialBot.Load;

/// <summary>What one measured phase produced.</summary>
internal sealed record LoadResult(int Completed, int Failed, TimeSpan Duration, double[] SortedLatenciesMs, string? FirstFailure)
{
    public double RequestsPerSecond => Completed / Duration.TotalSeconds;

    public double Percentile(double p) =>
        SortedLatenciesMs.Length == 0 ? double.NaN : SortedLatenciesMs[Math.Clamp((int)Math.Ceiling(p * SortedLatenciesMs.Length) - 1, 0, SortedLatenciesMs.Length - 1)];
}

/// <summary>
/// Closed loop (N workers, each sends its next request when the last one answered: saturation) and open loop (requests
/// start on a fixed schedule whatever the answers do: latency at a given rate, no coordinated omission).
/// </summary>
internal static class LoadRunner
{
    /// <summary>What <c>send</c> returns when there is nothing left to send: the phase ends there.</summary>
    public const string Exhausted = "exhausted";

    /// <param name="send">Sends request number <c>n</c>; returns null when it succeeded, else what went wrong.</param>
    public static async Task<LoadResult> ClosedLoopAsync(int workers, TimeSpan warmup, TimeSpan duration, Func<long, Task<string?>> send)
    {
        var stoppedAt = long.MaxValue;
        long next = -1;
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var latencies = new List<double>[workers];
        var failed = 0;
        string? firstFailure = null;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async worker =>
        {
            var mine = latencies[worker] = new List<double>(4096);
            await Task.Yield();
            while (Stopwatch.GetTimestamp() < Math.Min(measureTo, Interlocked.Read(ref stoppedAt)))
            {
                var began = Stopwatch.GetTimestamp();
                var failure = await SafeSendAsync(send, Interlocked.Increment(ref next));
                var ended = Stopwatch.GetTimestamp();
                if (failure == Exhausted)
                {
                    Interlocked.CompareExchange(ref stoppedAt, began, long.MaxValue);
                    break;
                }

                if (began < measureFrom || ended > measureTo)
                {
                    continue;
                }

                if (failure is null)
                {
                    mine.Add(Stopwatch.GetElapsedTime(began, ended).TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                    Interlocked.CompareExchange(ref firstFailure, failure, null);
                }
            }
        }));

        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        var measured = stoppedAt == long.MaxValue ? duration : Stopwatch.GetElapsedTime(measureFrom, Math.Max(measureFrom + 1, stoppedAt));
        return new LoadResult(all.Length, failed, measured, all, firstFailure);
    }

    /// <summary>Starts <paramref name="rate"/> requests per second for <paramref name="duration"/> (after a warm-up at the same rate).</summary>
    public static async Task<LoadResult> OpenLoopAsync(double rate, TimeSpan warmup, TimeSpan duration, Func<long, Task<string?>> send, long? limit = null)
    {
        var total = (long)Math.Floor(rate * (warmup + duration).TotalSeconds);
        if (limit is { } most)
        {
            total = Math.Min(total, most);
        }

        var warmupCount = (long)Math.Floor(rate * warmup.TotalSeconds);
        var start = Stopwatch.GetTimestamp();
        var latencies = new List<double>((int)Math.Max(0, total - warmupCount));
        var failed = 0;
        string? firstFailure = null;
        var inFlight = new List<Task>();
        for (long n = 0; n < total; n++)
        {
            var due = start + (long)(n / rate * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var number = n;
            var measured = n >= warmupCount;
            inFlight.Add(Task.Run(async () =>
            {
                // Latency counts from when the request was due, so a late start is not hidden.
                var failure = await SafeSendAsync(send, number);
                var elapsed = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
                if (!measured)
                {
                    return;
                }

                lock (latencies)
                {
                    if (failure is null)
                    {
                        latencies.Add(elapsed);
                    }
                    else
                    {
                        failed++;
                        firstFailure ??= failure;
                    }
                }
            }));
        }

        await Task.WhenAll(inFlight);
        var all = latencies.ToArray();
        Array.Sort(all);
        var measuredSeconds = (total - warmupCount) / rate;
        return new LoadResult(all.Length, failed, TimeSpan.FromSeconds(measuredSeconds), all, firstFailure);
    }

    private static async Task<string?> SafeSendAsync(Func<long, Task<string?>> send, long n)
    {
        try
        {
            return await send(n);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return ex.GetType().Name + ": " + ex.Message;
        }
    }
}
