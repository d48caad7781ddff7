using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SocialBot.Bot.Observability.Health;
using SocialBot.Bot.State;
using SocialBot.IntegrationTests.Hosting;
using SocialBot.IntegrationTests.State;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Operations;

/// <summary><c>/healthz</c> and <c>/readyz</c> of the real host: each readiness check fails on its own and says so in the JSON body.</summary>
[Collection(RedisCollection.Name)]
public sealed class ReadinessTests(RedisServerFixture redis)
{
    [Fact]
    public async Task Readyz_EverythingUp_200ListingEachCheck()
    {
        await using var host = await BotTestHost.StartAsync(redis.ConnectionString, Prefix());

        var (status, checks) = await ReadyzAsync(host);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", checks[StateStoreHealthCheck.Name]);
        Assert.Equal("Healthy", checks[SigningKeysHealthCheck.Name]);
        Assert.Equal("Healthy", checks[BackgroundWorkersHealthCheck.Name]);
    }

    [Fact]
    public async Task Readyz_RedisUnreachable_503StateStoreUnhealthyWhileHealthzStays200()
    {
        var nobody = $"127.0.0.1:{FreePort.Next()},connectTimeout=500,abortConnect=false";
        await using var host = await BotTestHost.StartAsync(nobody);

        var (status, checks) = await ReadyzAsync(host);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", checks[StateStoreHealthCheck.Name]);
        Assert.Equal("Healthy", checks[SigningKeysHealthCheck.Name]);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Readyz_OpenIdMetadataUnreachable_503SigningKeysUnhealthy()
    {
        await using var host = await BotTestHost.StartAsync(
            redis.ConnectionString,
            Prefix(new Dictionary<string, string?> { ["ToBotFromChannelOpenIdMetadataUrl"] = $"http://127.0.0.1:{FreePort.Next()}/v1/.well-known/openidconfiguration" }));

        var (status, checks) = await ReadyzAsync(host);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", checks[SigningKeysHealthCheck.Name]);
        Assert.Equal("Healthy", checks[StateStoreHealthCheck.Name]);
        Assert.Equal("Healthy", checks[BackgroundWorkersHealthCheck.Name]);
    }

    [Fact]
    public async Task Readyz_ABackgroundWorkerEnded_503WorkersUnhealthyNamingIt()
    {
        await using var host = await BotTestHost.StartAsync(redis.ConnectionString, Prefix(), services => services.AddHostedService<EndsAtOnceWorker>());
        await host.Services.GetServices<IHostedService>().OfType<EndsAtOnceWorker>().Single().ExecuteTask!;

        var response = await host.Client.GetAsync("/readyz");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", Checks(body)[BackgroundWorkersHealthCheck.Name]);
        Assert.Contains("EndsAtOnceWorker is stopped", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_AWorkerHeartbeatWentStale_503WorkersUnhealthy()
    {
        await using var host = await BotTestHost.StartAsync(redis.ConnectionString, Prefix());
        // A negative allowance is stale at once: the same state as a loop that stopped reporting long ago.
        host.Services.GetRequiredService<IWorkerHeartbeats>().Beat("digest-scheduler", TimeSpan.FromSeconds(-1));

        var response = await host.Client.GetAsync("/readyz");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", Checks(body)[BackgroundWorkersHealthCheck.Name]);
        Assert.Contains("digest-scheduler has not reported", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_Always_200JsonWithoutDependencyChecks()
    {
        await using var host = await BotTestHost.StartAsync();

        var response = await host.Client.GetAsync("/healthz");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("checks").GetArrayLength());
    }

    private Dictionary<string, string?> Prefix(Dictionary<string, string?>? settings = null)
    {
        settings ??= [];
        settings["State:KeyPrefix"] = redis.NewKeyPrefix();
        return settings;
    }

    private static async Task<(HttpStatusCode Status, Dictionary<string, string> Checks)> ReadyzAsync(BotTestHost host)
    {
        var response = await host.Client.GetAsync("/readyz");
        return (response.StatusCode, Checks(await response.Content.ReadAsStringAsync()));
    }

    private static Dictionary<string, string> Checks(string body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString()!, StringComparer.Ordinal);
    }

    private sealed class EndsAtOnceWorker : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
    }
}
