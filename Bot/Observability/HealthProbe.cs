using System.Globalization;

namespace SocialBot.Bot.Observability;

/// <summary>
/// <c>dotnet SocialBot.Bot.dll --healthcheck [path]</c>: asks the running instance in the same container for
/// <c>/healthz</c> (or <paramref name="path"/>) and exits 0 on 200, 1 otherwise. The ASP.NET runtime image has no curl,
/// so the Dockerfile's HEALTHCHECK uses the app itself. No host is built: it starts in milliseconds.
/// </summary>
internal static class HealthProbe
{
    public const string Argument = "--healthcheck";

    public static bool IsRequested(string[] args) => args.Length > 0 && string.Equals(args[0], Argument, StringComparison.Ordinal);

    public static async Task<int> RunAsync(string[] args)
    {
        var path = args.Length > 1 && args[1].StartsWith('/') ? args[1] : "/healthz";
        var port = ListeningPort(Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS"), Environment.GetEnvironmentVariable("ASPNETCORE_URLS"));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}{path}"));
            await Console.Out.WriteLineAsync($"{path}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"{path}: no answer on port {port} ({exception.GetType().Name})");
            return 1;
        }
    }

    /// <summary>The first port of <c>ASPNETCORE_HTTP_PORTS</c> ("8080;8081"), else of <c>ASPNETCORE_URLS</c>, else 8080.</summary>
    internal static int ListeningPort(string? httpPorts, string? urls)
    {
        foreach (var candidate in (httpPorts ?? string.Empty).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (int.TryParse(candidate, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536)
            {
                return port;
            }
        }

        foreach (var url in (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // "http://+:8080" and "http://*:8080" are not valid URIs; the port is what follows the last colon.
            var colon = url.LastIndexOf(':');
            var end = url.IndexOf('/', colon + 1);
            var text = colon < 0 ? string.Empty : end < 0 ? url[(colon + 1)..] : url[(colon + 1)..end];
            if (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536)
            {
                return port;
            }
        }

        return 8080;
    }
}
