using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SocialBot.Bot.Protocol.Auth;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Protocol.Auth;

public sealed class BotFrameworkTokenValidatorTests : IAsyncLifetime
{
    private const string Teams = "msteams";
    private const string AppId = AuthTestHost.AppId;
    private const string ServiceUrl = AuthTestHost.ServiceUrl;

    private readonly FakeTimeProvider clock = AuthTestHost.NewClock();
    private TestOpenIdIssuer issuer = null!;
    private ServiceProvider services = null!;
    private IInboundAuthenticator authenticator = null!;

    public async Task InitializeAsync()
    {
        issuer = await TestOpenIdIssuer.StartAsync(timeProvider: clock);
        UseSettings(AuthTestHost.SettingsFor(issuer));
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await issuer.DisposeAsync();
    }

    [Fact]
    public async Task AuthenticateAsync_ValidToken_SucceedsWithAppIdAndPublicCloudCallerId()
    {
        var result = await AuthenticateAsync(Bearer(issuer.IssueToken(AppId, ServiceUrl)));

        Assert.True(result.Succeeded, result.Reason);
        Assert.False(result.IsAnonymous);
        Assert.Equal(AppId, result.AppId);
        Assert.Equal("urn:botframework:azure", result.CallerId);
        Assert.Null(result.TenantId);
        Assert.Equal(ServiceUrl, result.Identity.FindFirst("serviceurl")?.Value);
        Assert.Equal(1, issuer.MetadataRequestCount);
        Assert.Equal(1, issuer.JwksRequestCount);
    }

    [Theory]
    [InlineData("RS384")]
    [InlineData("RS512")]
    public async Task AuthenticateAsync_OtherAllowedRsaAlgorithm_Succeeds(string alg)
    {
        var result = await AuthenticateAsync(Bearer(issuer.IssueToken(AppId, ServiceUrl, alg: alg)));

        Assert.True(result.Succeeded, result.Reason);
    }

    [Fact]
    public async Task AuthenticateAsync_TokenWithTenantClaim_ReportsTenant()
    {
        var token = issuer.IssueToken(AppId, ServiceUrl, extraClaims: new Dictionary<string, string> { ["tid"] = "tenant-42" });

        var result = await AuthenticateAsync(Bearer(token));

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal("tenant-42", result.TenantId);
    }

    [Fact]
    public async Task AuthenticateAsync_CachedKeys_DoesNotDownloadAgain()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await AuthenticateAsync(Bearer(issuer.IssueToken(AppId, ServiceUrl)))).Succeeded);
        }

        Assert.Equal(1, issuer.JwksRequestCount);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task AuthenticateAsync_MissingHeader_Fails(string? header)
    {
        var result = await AuthenticateAsync(header);

        AssertFailed(result, InboundAuthFailure.MissingHeader);
    }

    [Fact]
    public async Task AuthenticateAsync_BasicScheme_Fails()
    {
        var result = await AuthenticateAsync("Basic " + Convert.ToBase64String("user:password"u8));

        AssertFailed(result, InboundAuthFailure.WrongScheme);
    }

    [Fact]
    public async Task AuthenticateAsync_LowercaseBearerScheme_FailsLikeTheSdk()
    {
        var result = await AuthenticateAsync("bearer " + issuer.IssueToken(AppId, ServiceUrl));

        AssertFailed(result, InboundAuthFailure.WrongScheme);
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearer a b")]
    public async Task AuthenticateAsync_HeaderNotTwoParts_Fails(string header)
    {
        var result = await AuthenticateAsync(header);

        AssertFailed(result, InboundAuthFailure.MalformedHeader);
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.%%%.sig")]
    public async Task AuthenticateAsync_MalformedToken_Fails(string token)
    {
        var result = await AuthenticateAsync(Bearer(token));

        AssertFailed(result, InboundAuthFailure.MalformedToken);
    }

    [Fact]
    public async Task AuthenticateAsync_Failure_ReasonNeverContainsToken()
    {
        var token = issuer.IssueToken("another-bot-app-id", ServiceUrl);
        var signature = token[(token.LastIndexOf('.') + 1)..];

        var results = new[]
        {
            await AuthenticateAsync(Bearer(token)),
            await AuthenticateAsync("Basic " + token),
            await AuthenticateAsync(Bearer(token + "x")),
            await AuthenticateAsync(Bearer(issuer.IssueToken(AppId, "https://other.example/")))
        };

        Assert.All(results, r =>
        {
            Assert.False(r.Succeeded);
            Assert.DoesNotContain(signature, r.Reason, StringComparison.Ordinal);
            Assert.DoesNotContain(token[..20], r.Reason, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task AuthenticateAsync_WrongAudience_Fails()
    {
        var result = await AuthenticateAsync(Bearer(issuer.IssueToken("another-bot-app-id", ServiceUrl)));

        AssertFailed(result, InboundAuthFailure.WrongAudience);
    }

    [Fact]
    public async Task AuthenticateAsync_ExpiredBeyondSkew_Fails()
    {
        var token = issuer.IssueToken(AppId, ServiceUrl, notBefore: clock.GetUtcNow().AddHours(-1), expires: clock.GetUtcNow().AddMinutes(-6));

        var result = await AuthenticateAsync(Bearer(token));

        AssertFailed(result, InboundAuthFailure.Expired);
    }

    [Fact]
    public async Task AuthenticateAsync_ExpiredWithinSkew_Succeeds()
    {
        var token = issuer.IssueToken(AppId, ServiceUrl, notBefore: clock.GetUtcNow().AddHours(-1), expires: clock.GetUtcNow().AddMinutes(-4));

        var result = await AuthenticateAsync(Bearer(token));

        Assert.True(result.Succeeded, result.Reason);
    }

    [Fact]
    public async Task AuthenticateAsync_TokenExpiresWhileCached_FailsOnceClockPassesSkew()
    {
        var token = issuer.IssueToken(AppId, ServiceUrl, expires: clock.GetUtcNow().AddMinutes(10));
        Assert.True((await AuthenticateAsync(Bearer(token))).Succeeded);

        clock.Advance(TimeSpan.FromMinutes(16));

        AssertFailed(await AuthenticateAsync(Bearer(token)), InboundAuthFailure.Expired);
    }

    [Fact]
    public async Task AuthenticateAsync_NotYetValidBeyondSkew_Fails()
    {
        var token = issuer.IssueToken(AppId, ServiceUrl, notBefore: clock.GetUtcNow().AddMinutes(6), expires: clock.GetUtcNow().AddHours(1));

        var result = await AuthenticateAsync(Bearer(token));

        AssertFailed(result, InboundAuthFailure.NotYetValid);
    }

    [Fact]
    public async Task AuthenticateAsync_NotYetValidWithinSkew_Succeeds()
    {
        var token = issuer.IssueToken(AppId, ServiceUrl, notBefore: clock.GetUtcNow().AddMinutes(4), expires: clock.GetUtcNow().AddHours(1));

        var result = await AuthenticateAsync(Bearer(token));

        Assert.True(result.Succeeded, result.Reason);
    }

    [Fact]
    public async Task AuthenticateAsync_NoExpiry_Fails()
    {
        var result = await AuthenticateAsync(Bearer(issuer.IssueToken(AppId, ServiceUrl, includeExpiry: false)));

        AssertFailed(result, InboundAuthFailure.MissingExpiry);
    }

    [Fact]
    public async Task AuthenticateAsync_WrongIssuer_FailsWithoutDownloadingKeys()
    {
        var token = issuer.IssueToken(AppId, ServiceUrl, issuer: "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/");

        var result = await AuthenticateAsync(Bearer(token));

        AssertFailed(result, InboundAuthFailure.WrongIssuer);
        Assert.Equal(0, issuer.MetadataRequestCount);
    }

    [Fact]
    public async Task AuthenticateAsync_UnknownKey_RefreshesOnceThenFails()
    {
        Assert.True((await AuthenticateAsync(Bearer(issuer.IssueToken(AppId, ServiceUrl)))).Succeeded);
        var attackerKey = issuer.CreateUnpublishedKey();

        var result = await AuthenticateAsync(Bearer(issuer.IssueToken(AppId, ServiceUrl, signingKey: attackerKey)));

        AssertFailed(result, InboundAuthFailure.UnknownSigningKey);
        Assert.Equal(2, issuer.MetadataRequestCount);
        Assert.Equal(2, issuer.JwksRequestCount);
    }

    [Fact]
    public async Task AuthenticateAsync_RepeatedUnknownKeys_RefreshAtMostOncePerInterval()
    {
        var attackerKey = issuer.CreateUnpublishedKey();
        for (var i = 0; i < 5; i++)
        {
            var token = issuer.IssueToken(AppId, ServiceUrl, signingKey: attackerKey, kid: $"forged-{i}");
            AssertFailed(await AuthenticateAsync(Bearer(token)), InboundAuthFailure.UnknownSigningKey);
        }

        // First download plus exactly one refresh, however many forged kids arrive.
        Assert.Equal(2, issuer.JwksRequestCount);

        clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        AssertFailed(await AuthenticateAsync(Bearer(issuer.IssueToken(AppId, ServiceUrl, signingKey: attackerKey))), InboundAuthFailure.UnknownSigningKey);

        Assert.Equal(3, issuer.JwksRequestCount);
    }

    [Fact]
    public async Task AuthenticateAsync_RefreshIntervalFromConfiguration_IsHonoured()
    {
        var settings = AuthTestHost.SettingsFor(issuer);
        settings["BotFramework:SigningKeyRefreshMinInterval"] = "00:00:00";
        UseSettings(settings);
        var attackerKey = issuer.CreateUnpublishedKey();

        for (var i = 0; i < 3; i++)
        {
            AssertFailed(await AuthenticateAsync(Bearer(issuer.IssueToken(AppId, ServiceUrl, signingKey: attackerKey))), InboundAuthFailure.UnknownSigningKey);
        }

        Assert.Equal(4, issuer.JwksRequestCount);
    }

    [Fact]
    public async Task AuthenticateAsync_KeyRotatedInAfterCaching_RefreshesOnceAndSucceeds()
    {
        Assert.True((await AuthenticateAsync(Bearer(issuer.IssueToken(AppId, ServiceUrl)))).Succeeded);
        Assert.Equal(1, issuer.JwksRequestCount);

        issuer.RotateInNewKey();
        var result = await AuthenticateAsync(Bearer(issuer.IssueToken(AppId, ServiceUrl)));

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal(2, issuer.MetadataRequestCount);
        Assert.Equal(2, issuer.JwksRequestCount);
    }

    [Fact]
    public async Task AuthenticateAsync_ConcurrentTokensWithRotatedKey_ShareOneRefresh()
    {
        Assert.True((await AuthenticateAsync(Bearer(issuer.IssueToken(AppId, ServiceUrl)))).Succeeded);
        issuer.RotateInNewKey();
        var token = issuer.IssueToken(AppId, ServiceUrl);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => AuthenticateAsync(Bearer(token)))));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Reason));
        Assert.Equal(2, issuer.JwksRequestCount);
    }

    [Fact]
    public async Task AuthenticateAsync_AlgNone_Fails()
    {
        var result = await AuthenticateAsync(Bearer(issuer.IssueUnsignedToken(AppId, ServiceUrl)));

        AssertFailed(result, InboundAuthFailure.AlgorithmNotAllowed);
    }

    [Fact]
    public async Task AuthenticateAsync_Hs256SignedWithPublicKey_Fails()
    {
        var result = await AuthenticateAsync(Bearer(issuer.IssueHmacTokenWithPublicKey(AppId, ServiceUrl)));

        AssertFailed(result, InboundAuthFailure.AlgorithmNotAllowed);
    }

    [Theory]
    [InlineData("serviceurl", "https://attacker.example/")]
    [InlineData("aud", "another-bot")]
    [InlineData("exp", "9999999999")]
    public async Task AuthenticateAsync_TamperedPayload_FailsSignature(string claim, string value)
    {
        var token = TestOpenIdIssuer.TamperPayload(issuer.IssueToken(AppId, ServiceUrl), claim, value);
        var activityServiceUrl = claim == "serviceurl" ? value : ServiceUrl;
        var audience = claim == "aud" ? value : AppId;
        UseSettings(AuthTestHost.SettingsFor(issuer, audience));

        var result = await AuthenticateAsync(Bearer(token), serviceUrl: activityServiceUrl);

        AssertFailed(result, InboundAuthFailure.InvalidSignature);
    }

    [Fact]
    public async Task AuthenticateAsync_KidOfPublishedKeyButSignedByAnother_FailsSignature()
    {
        var attackerKey = issuer.CreateUnpublishedKey();
        var token = issuer.IssueToken(AppId, ServiceUrl, signingKey: attackerKey, kid: issuer.CurrentKey.KeyId);

        var result = await AuthenticateAsync(Bearer(token));

        AssertFailed(result, InboundAuthFailure.InvalidSignature);
    }

    [Fact]
    public async Task AuthenticateAsync_ServiceUrlClaimMismatch_Fails()
    {
        var token = issuer.IssueToken(AppId, "https://smba.trafficmanager.net/amer/");

        var result = await AuthenticateAsync(Bearer(token), serviceUrl: ServiceUrl);

        AssertFailed(result, InboundAuthFailure.ServiceUrlMismatch);
    }

    [Fact]
    public async Task AuthenticateAsync_ServiceUrlDiffersOnlyByTrailingSlash_Fails()
    {
        var token = issuer.IssueToken(AppId, ServiceUrl.TrimEnd('/'));

        var result = await AuthenticateAsync(Bearer(token), serviceUrl: ServiceUrl);

        AssertFailed(result, InboundAuthFailure.ServiceUrlMismatch);
    }

    [Fact]
    public async Task AuthenticateAsync_ServiceUrlDiffersOnlyByCase_Succeeds()
    {
        var token = issuer.IssueToken(AppId, ServiceUrl.ToUpperInvariant());

        var result = await AuthenticateAsync(Bearer(token), serviceUrl: ServiceUrl);

        Assert.True(result.Succeeded, result.Reason);
    }

    [Fact]
    public async Task AuthenticateAsync_ServiceUrlClaimMissing_Fails()
    {
        var result = await AuthenticateAsync(Bearer(issuer.IssueToken(AppId, serviceUrl: null)), serviceUrl: ServiceUrl);

        AssertFailed(result, InboundAuthFailure.ServiceUrlClaimMissing);
    }

    [Fact]
    public async Task AuthenticateAsync_ActivityWithoutServiceUrl_DoesNotRequireClaim()
    {
        var result = await AuthenticateAsync(Bearer(issuer.IssueToken(AppId, serviceUrl: null)), serviceUrl: null);

        Assert.True(result.Succeeded, result.Reason);
    }

    [Fact]
    public async Task AuthenticateAsync_ChannelNotEndorsedBySigningKey_Fails()
    {
        var webOnlyKey = issuer.PublishKey(["emulator", "webchat"]);
        var token = issuer.IssueToken(AppId, ServiceUrl, signingKey: webOnlyKey);

        AssertFailed(await AuthenticateAsync(Bearer(token), channelId: Teams), InboundAuthFailure.ChannelNotEndorsed);
        Assert.True((await AuthenticateAsync(Bearer(token), channelId: "webchat")).Succeeded);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task AuthenticateAsync_ActivityWithoutChannelId_Fails(string? channelId)
    {
        var result = await AuthenticateAsync(Bearer(issuer.IssueToken(AppId, ServiceUrl)), channelId: channelId);

        AssertFailed(result, InboundAuthFailure.ChannelNotEndorsed);
    }

    [Fact]
    public async Task AuthenticateAsync_IssuerDownWithNothingCached_Fails()
    {
        issuer.Unavailable = true;

        var result = await AuthenticateAsync(Bearer(issuer.IssueToken(AppId, ServiceUrl)));

        AssertFailed(result, InboundAuthFailure.SigningKeysUnavailable);
    }

    [Fact]
    public async Task AuthenticateAsync_IssuerDownAfterCaching_KeepsUsingCachedKeys()
    {
        Assert.True((await AuthenticateAsync(Bearer(issuer.IssueToken(AppId, ServiceUrl)))).Succeeded);
        issuer.Unavailable = true;
        clock.Advance(TimeSpan.FromHours(25));

        var result = await AuthenticateAsync(Bearer(issuer.IssueToken(AppId, ServiceUrl)));

        Assert.True(result.Succeeded, result.Reason);
        var attempts = issuer.MetadataRequestCount;
        Assert.True(attempts > 1, "the expired cache should have tried to download again");

        // After a failed refresh the stale keys are kept and the next request does not hit the issuer again.
        Assert.True((await AuthenticateAsync(Bearer(issuer.IssueToken(AppId, ServiceUrl)))).Succeeded);
        Assert.Equal(attempts, issuer.MetadataRequestCount);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer garbage")]
    public async Task AuthenticateAsync_DevelopmentWithFlagAndNoAppId_IsAnonymous(string? header)
    {
        var settings = AuthTestHost.SettingsFor(issuer, appId: null);
        settings["BotFramework:AllowUnauthenticated"] = "true";
        UseSettings(settings, "Development");

        var result = await AuthenticateAsync(header);

        Assert.True(result.Succeeded);
        Assert.True(result.IsAnonymous);
        Assert.Equal("anonymous", result.Identity.AuthenticationType);
        Assert.Null(result.CallerId);
        Assert.Null(result.AppId);
        Assert.Equal(0, issuer.MetadataRequestCount);
    }

    [Fact]
    public async Task AuthenticateAsync_DevelopmentWithFlagAndAppId_StillRequiresToken()
    {
        var settings = AuthTestHost.SettingsFor(issuer);
        settings["BotFramework:AllowUnauthenticated"] = "true";
        UseSettings(settings, "Development");

        AssertFailed(await AuthenticateAsync(null), InboundAuthFailure.MissingHeader);
        Assert.True((await AuthenticateAsync(Bearer(issuer.IssueToken(AppId, ServiceUrl)))).Succeeded);
    }

    private static string Bearer(string token) => "Bearer " + token;

    private static void AssertFailed(InboundAuthResult result, InboundAuthFailure expected)
    {
        Assert.False(result.Succeeded);
        Assert.Equal(expected, result.Failure);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
        Assert.Null(result.Identity);
    }

    private Task<InboundAuthResult> AuthenticateAsync(string? header, string? channelId = Teams, string? serviceUrl = ServiceUrl) =>
        authenticator.AuthenticateAsync(header, channelId, serviceUrl, CancellationToken.None);

    private void UseSettings(Dictionary<string, string?> settings, string environmentName = "Production")
    {
        services?.Dispose();
        services = AuthTestHost.BuildServices(settings, clock, environmentName);
        authenticator = services.GetRequiredService<IInboundAuthenticator>();
    }
}
