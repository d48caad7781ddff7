using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SocialBot.Testing;

/// <summary>
/// A real redis-server process on a free loopback port with its own data directory and an append-only file,
/// so tests can stop (kill -9) and restart it on the same data.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private Process? _process;

    private RedisServer(string executable, int port, string dataDirectory)
    {
        Executable = executable;
        Port = port;
        DataDirectory = dataDirectory;
    }

    public string Executable { get; }

    public int Port { get; }

    public string DataDirectory { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Short client timeouts so tests of an outage fail fast instead of waiting the 5 s defaults.</summary>
    public string ConnectionString => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port},connectTimeout=2000,asyncTimeout=2000,syncTimeout=2000,connectRetry=1");

    public static async Task<RedisServer> StartNewAsync(CancellationToken cancellationToken = default)
    {
        var executable = FindExecutable();
        var dataDirectory = Directory.CreateTempSubdirectory("socialbot-redis-").FullName;
        var server = new RedisServer(executable, FreeLoopbackPort(), dataDirectory);
        try
        {
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts (again) on the same port and data directory; waits until it answers PING.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            return;
        }

        var startInfo = new ProcessStartInfo(Executable)
        {
            UseShellExecute = false,
            WorkingDirectory = DataDirectory,
        };
        foreach (var argument in new[]
        {
            "--port", Port.ToString(CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--dir", DataDirectory,
            "--appendonly", "yes",
            "--appendfsync", "everysec",
            "--save", string.Empty,
            "--daemonize", "no",
            "--logfile", LogFile,
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        _process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {Executable}.");

        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode} on port {Port}. Log:{Environment.NewLine}{ReadLogTail()}");
            }

            if (await AnswersPingAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"redis-server on port {Port} did not answer PING within {StartTimeout.TotalSeconds} s. Log:{Environment.NewLine}{ReadLogTail()}");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the server the way an operator does (SHUTDOWN): it writes its append-only file before exiting.</summary>
    public async Task ShutdownAsync()
    {
        using (var cli = Process.Start(new ProcessStartInfo("redis-cli", ["-p", Port.ToString(CultureInfo.InvariantCulture), "shutdown"]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false }))
        {
            if (cli is not null)
            {
                await cli.WaitForExitAsync().ConfigureAwait(false);
            }
        }

        if (_process is { } process)
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(patience.Token).ConfigureAwait(false);
        }

        await StopAsync().ConfigureAwait(false);
    }

    /// <summary>Kills the process (SIGKILL): nothing is flushed beyond what appendfsync already wrote.</summary>
    public async Task StopAsync()
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }

        using (process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var reply = await SendAsync("FLUSHALL", cancellationToken).ConfigureAwait(false);
        if (reply != "+OK")
        {
            throw new InvalidOperationException($"FLUSHALL answered '{reply}'.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is not worth failing a test run for.
        }
    }

    private string LogFile => Path.Combine(DataDirectory, "redis.log");

    private static string FindExecutable()
    {
        var searchPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var directory in searchPath.Append("/usr/bin").Append("/usr/local/bin"))
        {
            var candidate = Path.Combine(directory, "redis-server");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("redis-server is not installed, and the Redis tests need a real one. Install it with `apt-get install redis-server` (or put redis-server on PATH).");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task<bool> AnswersPingAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync("PING", cancellationToken).ConfigureAwait(false) == "+PONG";
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    // Plain RESP inline command over a fresh socket, so the fixture needs no client library state.
    private async Task<string?> SendAsync(string command, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken).ConfigureAwait(false);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
    }

    private string ReadLogTail()
    {
        try
        {
            return string.Join(Environment.NewLine, File.ReadLines(LogFile).TakeLast(20));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }
}
