using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SocialBot.Bot.Turns;
using SocialBot.IntegrationTests.Hosting;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Protocol.Hosting;

/// <summary>
/// Every inbound authentication case against the real host over HTTP, with tokens from a loopback OpenID issuer.
/// A refused request gets 401 and nothing runs: no reply, no stored conversation reference.
/// </summary>
public sealed class MessagesEndpointAuthTests : IAsyncLifetime
{
    private BotTestHost host = null!;

    public static TheoryData<string> RefusedCases =>
    [
        "missing header",
        "not a bearer token",
        "wrong audience",
        "expired",
        "not yet valid",
        "wrong issuer",
        "unknown key",
        "alg none",
        "HS256 signed with the public key",
        "tampered payload",
        "serviceurl mismatch",
        "channel not endorsed",
    ];

    public async Task InitializeAsync() => host = await BotTestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Post_ValidToken_RunsTheTurnAndReplies()
    {
        var user = NewUser();
        var activity = TeamsActivities.PersonalMessage(host, user, "help");

        var response = await host.PostActivityAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.Connector.WaitForAsync(r => r.ConversationId == TeamsActivities.PersonalConversationId(user), TimeSpan.FromSeconds(10));
        Assert.NotNull(await StoredReferenceAsync(user));
    }

    [Theory]
    [MemberData(nameof(RefusedCases))]
    public async Task Post_InvalidAuthentication_Is401AndNothingRuns(string name)
    {
        var user = NewUser();
        var activity = TeamsActivities.PersonalMessage(host, user, "help");

        var response = await host.PostActivityAsync(activity, AuthorizationFor(name));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(host.Connector.Requests, r => r.ConversationId == TeamsActivities.PersonalConversationId(user));
        Assert.Null(await StoredReferenceAsync(user));
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/healthz")).StatusCode);
    }

    private string AuthorizationFor(string name)
    {
        var issuer = host.Issuer;
        var appId = BotTestHost.AppId;
        var serviceUrl = host.ServiceUrl;
        var now = DateTimeOffset.UtcNow;
        return name switch
        {
            "missing header" => string.Empty,
            "not a bearer token" => "Basic " + Convert.ToBase64String("app:secret"u8.ToArray()),
            "wrong audience" => Bearer(issuer.IssueToken("00000000-0000-0000-0000-000000000000", serviceUrl)),
            "expired" => Bearer(issuer.IssueToken(appId, serviceUrl, expires: now.AddMinutes(-10), notBefore: now.AddHours(-1))),
            "not yet valid" => Bearer(issuer.IssueToken(appId, serviceUrl, notBefore: now.AddMinutes(10), expires: now.AddHours(1))),
            "wrong issuer" => Bearer(issuer.IssueToken(appId, serviceUrl, issuer: "https://sts.example.com/")),
            "unknown key" => Bearer(issuer.IssueToken(appId, serviceUrl, signingKey: issuer.CreateUnpublishedKey())),
            "alg none" => Bearer(issuer.IssueUnsignedToken(appId, serviceUrl)),
            "HS256 signed with the public key" => Bearer(issuer.IssueHmacTokenWithPublicKey(appId, serviceUrl)),
            "tampered payload" => Bearer(TestOpenIdIssuer.TamperPayload(issuer.IssueToken(appId, serviceUrl), "aud", appId + "x")),
            "serviceurl mismatch" => Bearer(issuer.IssueToken(appId, "https://smba.trafficmanager.net/amer/")),
            "channel not endorsed" => Bearer(issuer.IssueToken(appId, serviceUrl, signingKey: issuer.PublishKey(["webchat"]))),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown case."),
        };
    }

    private static string Bearer(string token) => "Bearer " + token;

    private static TeamsUser NewUser()
    {
        var id = Guid.NewGuid().ToString();
        return new TeamsUser(id, "29:" + id, "Case " + id[..8]);
    }

    private Task<Bot.Protocol.Schema.ConversationReference?> StoredReferenceAsync(TeamsUser user) =>
        host.Services.GetRequiredService<IConversationReferenceStore>()
            .FindAsync(BotTestHost.TenantId, TeamsActivities.PersonalConversationId(user), CancellationToken.None);
}
