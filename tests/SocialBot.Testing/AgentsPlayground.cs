using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SocialBot.Testing;

/// <summary>
/// Runs the Microsoft 365 Agents Playground (npm <c>@microsoft/m365agentsplayground</c>, installed in tests/e2e)
/// as a child process in a throw-away working directory with a generated config file.
/// </summary>
public sealed partial class AgentsPlayground : IAsyncDisposable
{
    private const string PackageFolder = "node_modules/@microsoft/m365agentsplayground";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _workDirectory;

    private AgentsPlayground(Process process, string workDirectory, int port, Uri botEndpoint, PlaygroundScenario scenario, CapturedOutput output)
    {
        _process = process;
        _workDirectory = workDirectory;
        Port = port;
        BotEndpoint = botEndpoint;
        Scenario = scenario;
        Output = output;
    }

    /// <summary>Port the Playground listens on (all interfaces; the Playground has no host option).</summary>
    public int Port { get; }

    /// <summary>Web UI address.</summary>
    public Uri Url => new($"http://127.0.0.1:{Port}/");

    /// <summary>
    /// The <c>serviceUrl</c> the Playground puts into activities. It says <c>localhost</c>, not 127.0.0.1,
    /// and has no trailing slash.
    /// </summary>
    public Uri ServiceUrl => new($"http://localhost:{Port}/_connector");

    /// <summary>The bot endpoint the Playground posts activities to.</summary>
    public Uri BotEndpoint { get; }

    /// <summary>Mock tenant, users and conversations (what the bot will see in activities).</summary>
    public PlaygroundScenario Scenario { get; }

    /// <summary>Captured stdout/stderr of the Playground process.</summary>
    public CapturedOutput Output { get; }

    /// <summary>The Playground's own log file (request/response details of every activity).</summary>
    public string LogFilePath => Path.Combine(_workDirectory, "playground.log");

    /// <summary>The generated <c>.m365agentsplayground.yml</c>.</summary>
    public string ConfigFilePath => Path.Combine(_workDirectory, ".m365agentsplayground.yml");

    /// <summary>Folder holding tests/e2e/node_modules.</summary>
    public static string ToolsDirectory => RepositoryRoot.Combine("tests", "e2e");

    /// <summary>
    /// Starts the Playground pointed at <paramref name="botEndpoint"/> (e.g. http://127.0.0.1:5123/api/messages)
    /// and waits until its web server answers.
    /// </summary>
    public static async Task<AgentsPlayground> StartAsync(Uri botEndpoint, PlaygroundScenario? scenario = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(botEndpoint);
        scenario ??= PlaygroundScenario.Default;

        var cli = Path.Combine(ToolsDirectory, PackageFolder, "cli.js");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException(
                $"The Agents Playground is not installed ({cli} is missing). Run: npm ci --prefix tests/e2e");
        }

        var workDirectory = Directory.CreateTempSubdirectory("socialbot-playground-").FullName;
        await File.WriteAllTextAsync(Path.Combine(workDirectory, ".m365agentsplayground.yml"), scenario.ToYaml(), cancellationToken);

        var requestedPort = FreePort.Next();
        var start = new ProcessStartInfo(FindNode())
        {
            WorkingDirectory = workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     cli, "start", "-p", requestedPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "-e", botEndpoint.ToString(), "-c", "msteams", "--disable-telemetry",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["TEAMSAPPTESTER_BROWSER"] = "none";
        start.Environment["M365_AGENTS_PLAYGROUND_LOGFILE"] = Path.Combine(workDirectory, "playground.log");
        start.Environment["M365_AGENTS_PLAYGROUND_CONFIG_PATH"] = Path.Combine(workDirectory, ".m365agentsplayground.yml");
        // Values inherited from a developer shell would silently change the emulator's behaviour.
        foreach (var inherited in new[] { "BOT_ENDPOINT", "TEAMSAPPTESTER_PORT", "DEFAULT_CHANNEL_ID", "AUTH_CLIENT_ID", "AUTH_CLIENT_SECRET", "AUTH_TENANT_ID", "M365_AGENTS_PLAYGROUND_SERVICE_URL", "SEND_INSTALLATION_ACTIVITY" })
        {
            start.Environment.Remove(inherited);
        }

        var output = new CapturedOutput("Agents Playground");
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        // The Playground silently falls back to a random port when the requested one is taken, so read the real one.
        output.LineReceived += line =>
        {
            var match = ListeningLine().Match(line);
            if (match.Success)
            {
                listening.TrySetResult(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        };

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("The Agents Playground exited during start-up."));
        process.Start();
        output.Attach(process);

        int port;
        try
        {
            port = await listening.Task.WaitAsync(StartTimeout, cancellationToken);
            await WaitUntilServingAsync(port, process, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or HttpRequestException)
        {
            KillTree(process);
            throw new InvalidOperationException(
                $"The Agents Playground did not start ({ex.Message}). Working directory: {workDirectory}{Environment.NewLine}{output.Tail()}{LogTail(Path.Combine(workDirectory, "playground.log"))}", ex);
        }

        return new AgentsPlayground(process, workDirectory, port, botEndpoint, scenario, output);
    }

    /// <summary>Text for exception messages: where the logs are and what the process printed last.</summary>
    public string Diagnostics() =>
        $"Playground UI: {Url} (bot endpoint {BotEndpoint}){Environment.NewLine}Playground log: {LogFilePath}{Environment.NewLine}{Output.Tail(40)}{LogTail(LogFilePath)}";

    // Start-up errors (e.g. an invalid config file) only go to the log file, not to stdout.
    private static string LogTail(string logFile)
    {
        try
        {
            var errors = File.ReadLines(logFile).Where(line => line.StartsWith("error ", StringComparison.Ordinal)).TakeLast(10).ToList();
            return errors.Count == 0 ? string.Empty : $"--- errors in {logFile} ---{Environment.NewLine}{string.Join(Environment.NewLine, errors)}{Environment.NewLine}";
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        KillTree(_process);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _process.Dispose();
        // The working directory (config + log) is left behind on purpose: failure messages point at the log.
    }

    private static async Task WaitUntilServingAsync(int port, Process process, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The Agents Playground exited with code {process.ExitCode}.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/_debug/ping"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested && DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"http://127.0.0.1:{port}/_debug/ping did not answer within {StartTimeout.TotalSeconds:0} s.");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    internal static string FindNode()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, OperatingSystem.IsWindows() ? "node.exe" : "node");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("node is not on PATH; the Agents Playground needs Node.js 18 or later.");
    }

    private static void KillTree(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    [GeneratedRegex(@"Listening on (\d+)")]
    private static partial Regex ListeningLine();
}
