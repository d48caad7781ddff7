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

    [Fact]
    public async Task CheckConfig_ValidProductionSettings_PrintsEffectiveValuesWithoutSecretsAndExitsZero()
    {
        var (exitCode, output) = await RunBotAsync(["--check-config"], ProductionSettings("ingestion-secret-value-0123456789"));

        Assert.True(exitCode == 0, output);
        Assert.Contains("SocialBot configuration (Production)", output, StringComparison.Ordinal);
        Assert.Contains("MicrosoftAppId = 6a3c0a3e-1b9f-4d2e-9a55-0c3c1c8f2b10", output, StringComparison.Ordinal);
        Assert.Contains("MicrosoftAppPassword = (set)", output, StringComparison.Ordinal);
        Assert.Contains("MetricsEndpoint = False", output, StringComparison.Ordinal);
        Assert.Contains("ToBotFromChannelTokenIssuer = https://api.botframework.com", output, StringComparison.Ordinal);
        Assert.Contains("RedisConnectionString = (set)", output, StringComparison.Ordinal);
        Assert.Contains("Configuration is valid.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("app-password-value", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ingestion-secret-value", output, StringComparison.Ordinal);
        Assert.DoesNotContain("password=redis-password-value", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckConfig_InvalidSetting_NamesTheKeyAndExitsOne()
    {
        var (exitCode, output) = await RunBotAsync(["--check-config"], ProductionSettings("too-short"));

        Assert.Equal(1, exitCode);
        Assert.Contains("Configuration is NOT valid:", output, StringComparison.Ordinal);
        Assert.Contains("Ingestion:Secret must be at least 16 characters", output, StringComparison.Ordinal);
        Assert.DoesNotContain("too-short", output, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> ProductionSettings(string ingestionSecret) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DOTNET_ENVIRONMENT"] = "Production",
        // Never contacted: --check-config starts nothing.
        ["ConnectionStrings__Redis"] = "127.0.0.1:1,password=redis-password-value,abortConnect=false",
        ["MicrosoftAppType"] = "MultiTenant",
        ["MicrosoftAppId"] = "6a3c0a3e-1b9f-4d2e-9a55-0c3c1c8f2b10",
        ["MicrosoftAppPassword"] = "app-password-value",
        ["Ingestion__Secret"] = ingestionSecret,
    };

    private static Task<int> RunProbeAsync(int port, string? path)
    {
        var args = path is null ? new[] { "--healthcheck" } : ["--healthcheck", path];
        return RunBotAsync(args, new Dictionary<string, string> { ["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            .ContinueWith(run => run.Result.ExitCode, TaskScheduler.Default);
    }

    private static async Task<(int ExitCode, string Output)> RunBotAsync(string[] args, IReadOnlyDictionary<string, string> environment)
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
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("ASPNETCORE_URLS");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await output + await errors);
    }
}
