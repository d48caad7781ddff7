using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SocialBot.Bot.Protocol.Connector;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Hosting;

/// <summary>
/// The real bot (its <c>Program</c>) on Kestrel at a free loopback port, with real collaborators around it: a loopback
/// OpenID issuer whose tokens it validates, a recording Bot Connector it replies to, and optionally a real Redis.
/// </summary>
public sealed class BotTestHost : IAsyncDisposable
{
    public const string AppId = "6a3c0a3e-1b9f-4d2e-9a55-0c3c1c8f2b10";
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string OutboundToken = "test-outbound-token";

    private readonly WebApplicationFactory<Program> factory;

    private BotTestHost(WebApplicationFactory<Program> factory, TestOpenIdIssuer issuer, RecordingConnector connector, HttpClient client)
    {
        this.factory = factory;
        Issuer = issuer;
        Connector = connector;
        Client = client;
    }

    public TestOpenIdIssuer Issuer { get; }

    public RecordingConnector Connector { get; }

    /// <summary>A client for the bot's real HTTP endpoint.</summary>
    public HttpClient Client { get; }

    public IServiceProvider Services => factory.Services;

    /// <summary>The service URL activities carry; the recording connector answers there.</summary>
    public string ServiceUrl => Connector.ServiceUrl;

    /// <param name="redisConnectionString">Real Redis, or null for the embedded in-memory store.</param>
    /// <param name="settings">Extra configuration (keys as in appsettings, <c>:</c>-separated).</param>
    /// <param name="configureServices">Replaces or adds services after the bot's own registrations.</param>
    public static async Task<BotTestHost> StartAsync(
        string? redisConnectionString = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var issuer = await TestOpenIdIssuer.StartAsync();
        var connector = await RecordingConnector.StartAsync();
        var configuration = new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "MultiTenant",
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = "not-used-against-the-recording-connector",
            ["ToBotFromChannelOpenIdMetadataUrl"] = issuer.MetadataUrl,
            ["ToBotFromChannelTokenIssuer"] = issuer.IssuerName,
            ["ConnectionStrings:Redis"] = redisConnectionString ?? string.Empty,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            // Development lets the bot call the loopback recording connector; authentication stays fully on.
            builder.UseEnvironment("Development");

            // UseSetting, not ConfigureAppConfiguration: Program reads configuration while registering services,
            // before late configuration sources of the factory are applied.
            foreach (var (key, value) in configuration)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureServices(services =>
            {
                services.AddSingleton<IBotTokenProvider>(new FixedBotToken(OutboundToken));
                configureServices?.Invoke(services);
            });
        });

        // A fixed port would collide between parallel test classes; port 0 lets the OS choose a free one.
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var client = factory.CreateClient();
        return new BotTestHost(factory, issuer, connector, client);
    }

    /// <summary>A valid channel token for an activity addressed to <see cref="ServiceUrl"/>.</summary>
    public string Token(string? serviceUrl = null) => Issuer.IssueToken(AppId, serviceUrl ?? ServiceUrl);

    /// <summary>Posts an activity with a valid token (or the given authorization header; empty string = none).</summary>
    public Task<HttpResponseMessage> PostActivityAsync(JsonObject activity, string? authorization = null) =>
        PostRawAsync(Encoding.UTF8.GetBytes(activity.ToJsonString()), authorization ?? "Bearer " + Token(activity["serviceUrl"]?.GetValue<string>()));

    public Task<HttpResponseMessage> PostRawAsync(byte[] body, string? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (!string.IsNullOrEmpty(authorization))
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await factory.DisposeAsync();
        await Connector.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}

/// <summary>MSAL needs Entra; against the recording connector a fixed token shows that one is sent, and where.</summary>
internal sealed class FixedBotToken(string token) : IBotTokenProvider
{
    public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(token);
}
