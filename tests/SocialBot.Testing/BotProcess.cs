using System.Diagnostics;
using System.Globalization;

namespace SocialBot.Testing;

/// <summary>What <see cref="BotProcess"/> starts and how.</summary>
public sealed record BotProcessOptions
{
    /// <summary>Path of the built SocialBot.Bot.dll; <c>null</c> finds it under artifacts/bin (or env <c>SOCIALBOT_BOT_DLL</c>).</summary>
    public string? DllPath { get; init; }

    /// <summary>Loopback port; <c>null</c> picks a free one. It stays the same across restarts.</summary>
    public int? Port { get; init; }

    /// <summary>Value of <c>ASPNETCORE_ENVIRONMENT</c>.</summary>
    public string EnvironmentName { get; init; } = "Development";

    /// <summary>Extra environment variables (configuration uses <c>Section__Key</c> names).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>How long to wait for <c>GET /healthz</c> to answer 200.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary>
/// Runs the real bot host (<c>dotnet SocialBot.Bot.dll --urls http://127.0.0.1:port</c>) as a child process,
/// for end-to-end and crash tests.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private readonly BotProcessOptions _options;
    private readonly string _dllPath;
    private Process? _process;

    private BotProcess(BotProcessOptions options, string dllPath, int port)
    {
        _options = options;
        _dllPath = dllPath;
        Port = port;
    }

    /// <summary>The port the bot listens on (127.0.0.1 only).</summary>
    public int Port { get; }

    /// <summary>http://127.0.0.1:port/</summary>
    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    /// <summary>The Bot Framework messaging endpoint.</summary>
    public Uri MessagesEndpoint => new(BaseUrl, "api/messages");

    /// <summary>Output of the current (or last) run; a restart starts a fresh capture.</summary>
    public CapturedOutput Output { get; private set; } = new("SocialBot.Bot");

    /// <summary>Whether the process is currently running.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The bot process's peak working set so far, in MB (0 when it is not running).</summary>
    public long PeakWorkingSetMegabytes()
    {
        if (_process is not { HasExited: false } process)
        {
            return 0;
        }

        process.Refresh();
        return process.PeakWorkingSet64 / (1024 * 1024);
    }

    /// <summary>Starts the bot and waits until <c>/healthz</c> answers 200.</summary>
    public static async Task<BotProcess> StartAsync(BotProcessOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new BotProcessOptions();
        var bot = new BotProcess(options, options.DllPath ?? LocateBotDll(), options.Port ?? FreePort.Next());
        try
        {
            await bot.LaunchAsync(cancellationToken);
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }

        return bot;
    }

    /// <summary>Kills the process immediately (SIGKILL on Unix, no graceful shutdown) and waits for it to exit.</summary>
    public async Task KillAsync()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited in between.
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Starts the bot again on the same port with the same settings (after <see cref="KillAsync"/> or a crash).</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await KillAsync();
        _process?.Dispose();
        _process = null;
        await LaunchAsync(cancellationToken);
    }

    /// <summary>Text for exception messages.</summary>
    public string Diagnostics() => $"Bot: {BaseUrl} ({_dllPath}){System.Environment.NewLine}{Output.Tail(60)}";

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _process?.Dispose();
        _process = null;
    }

    /// <summary>
    /// Finds SocialBot.Bot.dll: env <c>SOCIALBOT_BOT_DLL</c>, else artifacts/bin/SocialBot.Bot/&lt;configuration&gt;/
    /// (the configuration the calling test assembly was built with first).
    /// </summary>
    public static string LocateBotDll()
    {
        var overridden = System.Environment.GetEnvironmentVariable("SOCIALBOT_BOT_DLL");
        if (!string.IsNullOrEmpty(overridden))
        {
            return File.Exists(overridden)
                ? overridden
                : throw new InvalidOperationException($"SOCIALBOT_BOT_DLL points at '{overridden}', which does not exist.");
        }

        var botBin = RepositoryRoot.Combine("artifacts", "bin", "SocialBot.Bot");
        // Test output lives in artifacts/bin/<Project>/<configuration>/, so its folder name is the configuration.
        var ownConfiguration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        var candidates = new[] { ownConfiguration, "debug", "release" }
            .Select(configuration => Path.Combine(botBin, configuration, "SocialBot.Bot.dll"))
            .Distinct(StringComparer.Ordinal);
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                $"SocialBot.Bot.dll was not found under {botBin}. Build it first: dotnet build Bot (the integration test project does this through its ProjectReference).");
    }

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            // The content root (appsettings*.json) is the working directory by default.
            WorkingDirectory = Path.GetDirectoryName(_dllPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(_dllPath);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseUrl.ToString().TrimEnd('/'));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = _options.EnvironmentName;
        start.Environment["DOTNET_ENVIRONMENT"] = _options.EnvironmentName;
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        foreach (var (key, value) in _options.Environment)
        {
            start.Environment[key] = value;
        }

        Output = new CapturedOutput("SocialBot.Bot");
        var process = new Process { StartInfo = start };
        process.Start();
        Output.Attach(process);
        _process = process;

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var healthz = new Uri(BaseUrl, "healthz");
        var deadline = DateTime.UtcNow + _options.StartTimeout;
        string lastProblem = "no answer yet";
        while (DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                await process.WaitForExitAsync(cancellationToken);
                throw new InvalidOperationException(
                    $"The bot exited with code {process.ExitCode} during start-up.{System.Environment.NewLine}{Diagnostics()}");
            }

            try
            {
                using var response = await http.GetAsync(healthz, cancellationToken);
                if ((int)response.StatusCode == 200)
                {
                    return;
                }

                lastProblem = string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode}");
            }
            catch (HttpRequestException ex)
            {
                lastProblem = ex.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lastProblem = "request timed out";
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException(
            $"GET {healthz} did not return 200 within {_options.StartTimeout.TotalSeconds:0} s (last: {lastProblem}).{System.Environment.NewLine}{Diagnostics()}");
    }
}
