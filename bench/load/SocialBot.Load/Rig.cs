using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using SocialBot.Testing;

namespace SocialBot.Load;

/// <summary>What every scenario shares: redis-server, the loopback OpenID issuer and connector, and how to start each bot.</summary>
internal sealed class Rig : IAsyncDisposable
{
    public const string AppId = "3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b";
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    private Rig(RedisServer redis, TestOpenIdIssuer issuer, LoopbackConnector connector)
    {
        Redis = redis;
        Issuer = issuer;
        Connector = connector;
        Activities = new Activities(connector.ServiceUrl, AppId, TenantId);
        // One channel token for every request, as the Teams channel reuses its token until it nears expiry; each bot
        // validates it in full on every request.
        Authorization = new AuthenticationHeaderValue("Bearer", issuer.IssueToken(AppId, connector.ServiceUrl));
        Http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 512,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public RedisServer Redis { get; }

    public TestOpenIdIssuer Issuer { get; }

    public LoopbackConnector Connector { get; }

    public Activities Activities { get; }

    public AuthenticationHeaderValue Authorization { get; }

    public HttpClient Http { get; }

    public static async Task<Rig> StartAsync()
    {
        var redis = await RedisServer.StartNewAsync();
        var issuer = await TestOpenIdIssuer.StartAsync();
        var connector = await LoopbackConnector.StartAsync();
        Console.WriteLine($"redis-server on 127.0.0.1:{redis.Port}, OpenID issuer at {issuer.BaseAddress}, connector at {connector.ServiceUrl}");
        return new Rig(redis, issuer, connector);
    }

    /// <summary>SocialBot (Release), as the container runs it (workstation GC), with full inbound authentication.</summary>
    public Task<BotUnderTest> StartSocialBotAsync(IReadOnlyDictionary<string, string>? extra = null)
    {
        var port = FreePort.Next();
        var dll = RepositoryRoot.Combine("artifacts", "bin", "SocialBot.LoadHost", "release", "SocialBot.LoadHost.dll");
        var environment = new Dictionary<string, string>
        {
            ["LOADHOST_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["LOADHOST_OUTBOUND_TOKEN"] = "load-outbound-token",
            ["DOTNET_gcServer"] = Environment.GetEnvironmentVariable("LOAD_DOTNET_GCSERVER") ?? "0",
            ["ConnectionStrings__Redis"] = $"127.0.0.1:{Redis.Port}",
            ["State__KeyPrefix"] = "socialbot",
            ["MicrosoftAppType"] = "MultiTenant",
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = "not-used-the-token-is-fixed",
            ["ToBotFromChannelOpenIdMetadataUrl"] = Issuer.MetadataUrl,
            ["ToBotFromChannelTokenIssuer"] = Issuer.IssuerName,
            ["Ingestion__Secret"] = "load-ingestion-secret-0123456789",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return BotUnderTest.StartAsync("SocialBot", "dotnet", [dll], RepositoryRoot.Combine("Bot"), port, environment);
    }

    /// <summary>The botbuilder reference bot (node, production mode).</summary>
    public Task<BotUnderTest> StartReferenceAsync(string cardFile)
    {
        var port = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["NODE_ENV"] = "production",
            ["PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["REDIS_URL"] = $"redis://127.0.0.1:{Redis.Port}",
            ["MICROSOFT_APP_ID"] = AppId,
            ["OPENID_METADATA_URL"] = Issuer.MetadataUrl,
            ["TOKEN_ISSUER"] = Issuer.IssuerName,
            ["OUTBOUND_TOKEN"] = "load-outbound-token",
            ["CARD_FILE"] = cardFile,
        };
        return BotUnderTest.StartAsync("botbuilder reference", "node", ["index.js"], RepositoryRoot.Combine("bench", "load", "reference"), port, environment);
    }

    /// <summary>POSTs an activity with the channel token; returns null on 2xx, else the status and body.</summary>
    public async Task<string?> PostAsync(BotUnderTest bot, byte[] activity, Action<string>? onBody = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, bot.MessagesUrl) { Content = new ByteArrayContent(activity) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = Authorization;
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            return $"HTTP {(int)response.StatusCode}: {(body.Length > 300 ? body[..300] : body)}";
        }

        onBody?.Invoke(body);
        return null;
    }

    public async Task FlushRedisAsync()
    {
        using var cli = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("redis-cli", ["-p", Redis.Port.ToString(CultureInfo.InvariantCulture), "flushall"]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        await cli.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Connector.DisposeAsync();
        await Issuer.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
