using System.Diagnostics;
using System.Net;
using System.Text.Json;
using SocialBot.IntegrationTests.State;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Operations;

/// <summary>
/// The built bot as the container runs it: its own process, the Production environment, Redis and a bot identity set
/// through environment variables; the probes answer, and <c>--healthcheck</c> (the Dockerfile's HEALTHCHECK) agrees.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class PublishedAppTests(RedisServerFixture redis)
{
    [Fact]
    public async Task Production_WithRedisAndIdentity_StartsHealthyAndReady()
    {
        await using var issuer = await TestOpenIdIssuer.StartAsync();
        await using var bot = await BotProcess.StartAsync(new BotProcessOptions
        {
            EnvironmentName = "Production",
            Environment = new Dictionary<string, string>
            {
                ["ConnectionStrings__Redis"] = redis.ConnectionString,
                ["State__KeyPrefix"] = redis.NewKeyPrefix(),
                ["MicrosoftAppType"] = "MultiTenant",
                ["MicrosoftAppId"] = "6a3c0a3e-1b9f-4d2e-9a55-0c3c1c8f2b10",
                ["MicrosoftAppPassword"] = "not-used-in-this-test",
                ["ToBotFromChannelOpenIdMetadataUrl"] = issuer.MetadataUrl,
                ["ToBotFromChannelTokenIssuer"] = issuer.IssuerName,
                ["Ingestion__Secret"] = "published-app-test-secret-0123",
                ["Observability__MetricsEndpoint"] = "true",
            },
        });
        using var http = new HttpClient { BaseAddress = bot.BaseUrl, Timeout = TimeSpan.FromSeconds(10) };

        var healthz = await http.GetAsync("healthz");
        var readyz = await http.GetAsync("readyz");
        var body = await readyz.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        Assert.True(readyz.StatusCode == HttpStatusCode.OK, body + Environment.NewLine + bot.Diagnostics());
        using var json = JsonDocument.Parse(body);
        Assert.Equal(3, json.RootElement.GetProperty("checks").EnumerateArray().Count(c => c.GetProperty("status").GetString() == "Healthy"));

        Assert.Equal(0, await RunProbeAsync(bot.Port, "/readyz"));

        // A local run with the switch on: Prometheus text, with the server's own request metrics already in it.
        var metrics = await http.GetAsync("metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("http_server_request_duration_seconds", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthcheckArgument_NothingListening_ExitsOne()
    {
        Assert.Equal(1, await RunProbeAsync(FreePort.Next(), null));
    }

    private static async Task<int> RunProbeAsync(int port, string? path)
    {
        var dll = BotProcess.LocateBotDll();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--healthcheck");
        if (path is not null)
        {
            start.ArgumentList.Add(path);
        }

        start.Environment["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment.Remove("ASPNETCORE_URLS");
        using var probe = Process.Start(start)!;
        var output = probe.StandardOutput.ReadToEndAsync();
        var errors = probe.StandardError.ReadToEndAsync();
        await probe.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await Task.WhenAll(output, errors);
        return probe.ExitCode;
    }
}
