using System.Diagnostics;
using System.Globalization;

namespace SocialBot.Load;

/// <summary>
/// How busy the whole machine was during a slice (from /proc/stat) next to what our own processes used, so a run on a
/// shared machine says how much of it went to other work.
/// </summary>
internal sealed class MachineCpu
{
    private readonly long busyTicks;
    private readonly TimeSpan ours;
    private readonly long started = Stopwatch.GetTimestamp();

    private MachineCpu(long busyTicks, TimeSpan ours)
    {
        this.busyTicks = busyTicks;
        this.ours = ours;
    }

    /// <param name="ours">CPU time of our processes (bots, driver, redis-server) so far.</param>
    public static MachineCpu Start(TimeSpan ours) => new(BusyTicks(), ours);

    /// <summary>Cores busy with work other than ours since <see cref="Start"/>.</summary>
    public double OtherCores(TimeSpan oursNow)
    {
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var machine = (BusyTicks() - busyTicks) / 100.0; // USER_HZ
        return Math.Max(0, (machine - (oursNow - ours).TotalSeconds) / seconds);
    }

    private static long BusyTicks()
    {
        // cpu  user nice system idle iowait irq softirq steal guest guest_nice
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long Field(int i) => long.Parse(fields[i], CultureInfo.InvariantCulture);
        return Field(1) + Field(2) + Field(3) + Field(6) + Field(7) + Field(8);
    }

    /// <summary>CPU time of a process by id from /proc (utime + stime), zero when it is gone.</summary>
    public static TimeSpan ProcessCpu(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // Fields after the command: state is [0], utime is field 14 overall → [11], stime → [12].
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / 100.0);
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
    }

    /// <summary>The pid of the redis-server listening on <paramref name="port"/> (its title shows the address).</summary>
    public static int? RedisPid(int port)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline"));
                if (cmdline.StartsWith("redis-server", StringComparison.Ordinal) && cmdline.Contains(":" + port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
                {
                    return pid;
                }
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours.
            }
        }

        return null;
    }
}
