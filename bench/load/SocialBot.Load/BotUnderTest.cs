using System.Diagnostics;
using System.Globalization;

namespace SocialBot.Load;

/// <summary>A bot process on 127.0.0.1 (SocialBot or the reference): started, probed, measured from /proc, stopped.</summary>
internal sealed class BotUnderTest : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> output = [];
    private long peakRssKilobytes;

    private BotUnderTest(string name, Process process, int port)
    {
        Name = name;
        this.process = process;
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
    }

    public string Name { get; }

    public int Pid => process.Id;

    public Uri BaseUrl { get; }

    public Uri MessagesUrl => new(BaseUrl, "api/messages");

    public static async Task<BotUnderTest> StartAsync(string name, string fileName, IEnumerable<string> arguments, string workingDirectory, int port, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var bot = new BotUnderTest(name, process, port);
        process.OutputDataReceived += (_, e) => bot.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => bot.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with {process.ExitCode} while starting:{Environment.NewLine}{bot.Tail()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(bot.BaseUrl, "healthz"));
                if (response.IsSuccessStatusCode)
                {
                    Console.WriteLine($"{name} is up (pid {process.Id}).");
                    return bot;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{name} did not answer /healthz within 90 s:{Environment.NewLine}{bot.Tail()}");
    }

    /// <summary>Peak resident set size of the process so far (VmHWM), in MB.</summary>
    public double PeakRssMegabytes => Math.Max(ReadStatusKilobytes("VmHWM:"), Interlocked.Read(ref peakRssKilobytes)) / 1024.0;

    public double RssMegabytes => ReadStatusKilobytes("VmRSS:") / 1024.0;

    public TimeSpan CpuTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    public string Tail()
    {
        lock (output)
        {
            return string.Join(Environment.NewLine, output.TakeLast(40));
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Add(line);
            if (output.Count > 400)
            {
                output.RemoveRange(0, 200);
            }
        }
    }

    private long ReadStatusKilobytes(string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    var value = long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                    if (field == "VmHWM:")
                    {
                        Interlocked.Exchange(ref peakRssKilobytes, Math.Max(value, Interlocked.Read(ref peakRssKilobytes)));
                    }

                    return value;
                }
            }
        }
        catch (IOException)
        {
            // The process has gone.
        }

        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        _ = PeakRssMegabytes;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }

        process.Dispose();
    }
}
