using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SocialBot.Bot.Ingestion;
using SocialBot.Bot.State;

namespace SocialBot.IntegrationTests.Ingestion;

/// <summary>A minimal web host with only the ingestion slice and the state store, on a free loopback port.</summary>
internal sealed class IngestionTestHost : IAsyncDisposable
{
    public const string Secret = "integration-test-secret-0123456789";
    public const string Tenant = "11111111-2222-4333-8444-555555555555";

    private readonly WebApplication _app;

    private IngestionTestHost(WebApplication app, Uri address)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public IStateStore Store => _app.Services.GetRequiredService<IStateStore>();

    public static async Task<IngestionTestHost> StartAsync(string redisConnectionString, string keyPrefix, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var configuration = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = redisConnectionString,
            ["State:KeyPrefix"] = keyPrefix,
            ["Ingestion:Secret"] = Secret,
            ["Ingestion:PollInterval"] = "00:00:00.050",
            ["Ingestion:RetryDelay"] = "00:00:00.050",
            ["BotFramework:AllowedTenants"] = Tenant,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddStateStore(builder.Configuration, builder.Environment);
        builder.Services.AddMentionIngestion(builder.Configuration);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapMentionIngestion();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new IngestionTestHost(app, new Uri(address));
    }

    public Task<HttpResponseMessage> PostSignedAsync(string body, string secret = Secret, DateTimeOffset? signedAt = null) =>
        PostSignedAsync(Encoding.UTF8.GetBytes(body), secret, signedAt);

    public Task<HttpResponseMessage> PostSignedAsync(byte[] body, string secret = Secret, DateTimeOffset? signedAt = null)
    {
        var timestamp = (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return PostAsync(body, timestamp, MentionSignature.Sign(secret, timestamp, body));
    }

    public Task<HttpResponseMessage> PostAsync(byte[] body, string? timestamp, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, MentionsEndpoint.Pattern) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (timestamp is not null)
        {
            request.Headers.Add(MentionSignature.TimestampHeader, timestamp);
        }

        if (signature is not null)
        {
            request.Headers.Add(MentionSignature.SignatureHeader, signature);
        }

        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Builds mention JSON the way a sender would.</summary>
internal static class MentionJson
{
    public static string One(string id, string source = "x", string? tenantId = null) =>
        $$"""{"id":"{{id}}","source":"{{source}}","url":"https://example.com/{{id}}","author":{"handle":"@ada","name":"Ada","followers":1200},"text":"SocialBot is great {{id}}","createdAt":"2025-03-01T09:30:00Z","lang":"en","metrics":{"likes":3,"shares":1,"replies":0}{{(tenantId is null ? string.Empty : $",\"tenantId\":\"{tenantId}\"")}}}""";

    public static string Many(IEnumerable<string> ids) => "[" + string.Join(",", ids.Select(id => One(id))) + "]";
}

/// <summary>Counts every delivery per mention id, for "processed once" assertions.</summary>
internal sealed class RecordingMentionProcessor : IMentionProcessor
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _deliveries = new(StringComparer.Ordinal);

    public Func<IncomingMention, Task>? OnProcess { get; init; }

    public IReadOnlyDictionary<string, int> Deliveries
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, int>(_deliveries);
            }
        }
    }

    public async Task ProcessAsync(IncomingMention mention, CancellationToken ct)
    {
        if (OnProcess is not null)
        {
            await OnProcess(mention);
        }

        lock (_gate)
        {
            _deliveries[mention.Id] = _deliveries.GetValueOrDefault(mention.Id) + 1;
        }
    }
}

internal static class Eventually
{
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }
}
