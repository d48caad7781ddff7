using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SocialBot.Testing;

/// <summary>
/// A real OpenID issuer on 127.0.0.1 (Kestrel, free port) that looks like <c>login.botframework.com</c>: it serves the
/// metadata at <see cref="MetadataPath"/> and a JWKS whose keys carry <c>endorsements</c>, and it mints tokens, including
/// hostile ones. Point the bot at it with <c>ToBotFromChannelOpenIdMetadataUrl = issuer.MetadataUrl</c> and
/// <c>ToBotFromChannelTokenIssuer = issuer.IssuerName</c>.
/// </summary>
public sealed class TestOpenIdIssuer : IAsyncDisposable
{
    public const string BotFrameworkIssuer = "https://api.botframework.com";
    public const string MetadataPath = "/v1/.well-known/openidconfiguration";
    public const string KeysPath = "/v1/.well-known/keys";

    private readonly Lock sync = new();
    private readonly List<TestSigningKey> publishedKeys = [];
    private readonly List<TestSigningKey> ownedKeys = [];
    private readonly TimeProvider timeProvider;
    private WebApplication? app;
    private int metadataRequests;
    private int jwksRequests;
    private int keyCounter;

    private TestOpenIdIssuer(string issuerName, TimeProvider timeProvider)
    {
        IssuerName = issuerName;
        this.timeProvider = timeProvider;
        CurrentKey = PublishKey();
        PublishKey();
    }

    public static IReadOnlyList<string> DefaultEndorsements { get; } = ["msteams", "emulator", "webchat"];

    /// <summary>The <c>iss</c> of issued tokens and the <c>issuer</c> in the metadata.</summary>
    public string IssuerName { get; }

    public Uri BaseAddress { get; private set; } = null!;

    public string MetadataUrl => new Uri(BaseAddress, MetadataPath).ToString();

    public string JwksUrl => new Uri(BaseAddress, KeysPath).ToString();

    /// <summary>The key <see cref="IssueToken"/> signs with by default.</summary>
    public TestSigningKey CurrentKey { get; private set; }

    public IReadOnlyList<TestSigningKey> PublishedKeys
    {
        get
        {
            lock (sync)
            {
                return [.. publishedKeys];
            }
        }
    }

    public int MetadataRequestCount => Volatile.Read(ref metadataRequests);

    public int JwksRequestCount => Volatile.Read(ref jwksRequests);

    /// <summary>When true both documents answer 503, to test what the bot does while the issuer is down.</summary>
    public bool Unavailable { get; set; }

    /// <summary>Starts the issuer. <paramref name="timeProvider"/> sets the default <c>nbf</c>/<c>exp</c> of issued tokens.</summary>
    public static async Task<TestOpenIdIssuer> StartAsync(string issuerName = BotFrameworkIssuer, TimeProvider? timeProvider = null)
    {
        var issuer = new TestOpenIdIssuer(issuerName, timeProvider ?? TimeProvider.System);
        try
        {
            await issuer.StartServerAsync().ConfigureAwait(false);
            return issuer;
        }
        catch
        {
            await issuer.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Creates a key and adds it to the JWKS (not made current).</summary>
    public TestSigningKey PublishKey(IReadOnlyList<string>? endorsements = null)
    {
        var key = CreateKey(endorsements);
        lock (sync)
        {
            publishedKeys.Add(key);
        }

        return key;
    }

    /// <summary>Publishes a new key and makes it the one tokens are signed with, like a Bot Framework key rollover.</summary>
    public TestSigningKey RotateInNewKey(IReadOnlyList<string>? endorsements = null)
    {
        var key = PublishKey(endorsements);
        CurrentKey = key;
        return key;
    }

    /// <summary>A key that is not in the JWKS (an attacker's key, or one not yet rolled out).</summary>
    public TestSigningKey CreateUnpublishedKey() => CreateKey(null);

    /// <summary>Issues a Bot Connector style token (RS256 by default, signed with <see cref="CurrentKey"/>).</summary>
    /// <param name="audience">The <c>aud</c> claim (the bot's app id).</param>
    /// <param name="serviceUrl">The <c>serviceurl</c> claim; null leaves the claim out.</param>
    /// <param name="issuer">The <c>iss</c> claim; default <see cref="IssuerName"/>.</param>
    /// <param name="expires">The <c>exp</c> claim; default one hour from now.</param>
    /// <param name="notBefore">The <c>nbf</c> claim; default now.</param>
    /// <param name="kid">The <c>kid</c> header; default the signing key's id.</param>
    /// <param name="alg">RS256, RS384 or RS512.</param>
    /// <param name="extraClaims">More string claims, e.g. <c>tid</c>.</param>
    /// <param name="signingKey">Default <see cref="CurrentKey"/>.</param>
    /// <param name="includeExpiry">False leaves <c>exp</c> out entirely.</param>
    public string IssueToken(
        string audience,
        string? serviceUrl,
        string? issuer = null,
        DateTimeOffset? expires = null,
        DateTimeOffset? notBefore = null,
        string? kid = null,
        string? alg = null,
        IReadOnlyDictionary<string, string>? extraClaims = null,
        TestSigningKey? signingKey = null,
        bool includeExpiry = true)
    {
        var key = signingKey ?? CurrentKey;
        var algorithm = alg ?? "RS256";
        var hash = algorithm switch
        {
            "RS256" => HashAlgorithmName.SHA256,
            "RS384" => HashAlgorithmName.SHA384,
            "RS512" => HashAlgorithmName.SHA512,
            _ => throw new ArgumentException($"Use IssueUnsignedToken or IssueHmacTokenWithPublicKey for '{algorithm}'.", nameof(alg)),
        };

        var signingInput = SigningInput(
            Header(algorithm, kid ?? key.KeyId),
            Payload(audience, serviceUrl, issuer, expires, notBefore, extraClaims, includeExpiry));
        var signature = key.Rsa.SignData(Encoding.ASCII.GetBytes(signingInput), hash, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>An <c>alg: none</c> token with an empty signature.</summary>
    public string IssueUnsignedToken(string audience, string? serviceUrl, string? kid = null)
    {
        var signingInput = SigningInput(Header("none", kid ?? CurrentKey.KeyId), Payload(audience, serviceUrl, null, null, null, null, true));
        return signingInput + ".";
    }

    /// <summary>An HS256 token whose HMAC secret is the signing key's public key (PEM) — the key confusion attack.</summary>
    public string IssueHmacTokenWithPublicKey(string audience, string? serviceUrl, TestSigningKey? key = null)
    {
        var publicKey = key ?? CurrentKey;
        var signingInput = SigningInput(Header("HS256", publicKey.KeyId), Payload(audience, serviceUrl, null, null, null, null, true));
        var signature = HMACSHA256.HashData(Encoding.ASCII.GetBytes(publicKey.PublicKeyPem), Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>Sets <paramref name="claim"/> to <paramref name="value"/> in a signed token's payload and keeps the old signature.</summary>
    public static string TamperPayload(string token, string claim, string value)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            throw new ArgumentException("Not a JWS compact token.", nameof(token));
        }

        var payload = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!.AsObject();
        payload[claim] = value;
        parts[1] = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return string.Join('.', parts);
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }

        lock (sync)
        {
            foreach (var key in ownedKeys)
            {
                key.Dispose();
            }
        }
    }

    private TestSigningKey CreateKey(IReadOnlyList<string>? endorsements)
    {
        var ordinal = Interlocked.Increment(ref keyCounter) - 1;
        var key = new TestSigningKey($"test-key-{ordinal}-{Guid.NewGuid():N}", endorsements ?? DefaultEndorsements, ordinal);
        lock (sync)
        {
            ownedKeys.Add(key);
        }

        return key;
    }

    private static JsonObject Header(string alg, string kid) => new() { ["alg"] = alg, ["kid"] = kid, ["typ"] = "JWT", ["x5t"] = kid };

    private JsonObject Payload(
        string audience,
        string? serviceUrl,
        string? issuer,
        DateTimeOffset? expires,
        DateTimeOffset? notBefore,
        IReadOnlyDictionary<string, string>? extraClaims,
        bool includeExpiry)
    {
        var now = timeProvider.GetUtcNow();
        var payload = new JsonObject
        {
            ["iss"] = issuer ?? IssuerName,
            ["aud"] = audience,
            ["nbf"] = (notBefore ?? now).ToUnixTimeSeconds(),
        };
        if (includeExpiry)
        {
            payload["exp"] = (expires ?? now.AddHours(1)).ToUnixTimeSeconds();
        }

        if (serviceUrl is not null)
        {
            payload["serviceurl"] = serviceUrl;
        }

        foreach (var (name, value) in extraClaims ?? new Dictionary<string, string>())
        {
            payload[name] = value;
        }

        return payload;
    }

    private static string SigningInput(JsonObject header, JsonObject payload) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString()))
        + "."
        + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()));

    private async Task StartServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var web = builder.Build();

        web.MapGet(MetadataPath, () =>
        {
            Interlocked.Increment(ref metadataRequests);
            return Unavailable ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Json(MetadataDocument());
        });
        web.MapGet(KeysPath, () =>
        {
            Interlocked.Increment(ref jwksRequests);
            return Unavailable ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Json(KeysDocument());
        });

        app = web;
        await web.StartAsync().ConfigureAwait(false);
        BaseAddress = new Uri(web.Urls.First());
    }

    private static IResult Json(JsonObject document) => Results.Text(document.ToJsonString(), "application/json", Encoding.UTF8);

    private JsonObject MetadataDocument() => new()
    {
        ["issuer"] = IssuerName,
        ["authorization_endpoint"] = new Uri(BaseAddress, "/v1/.well-known/authorize").ToString(),
        ["jwks_uri"] = JwksUrl,
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
    };

    private JsonObject KeysDocument()
    {
        var keys = new JsonArray();
        foreach (var key in PublishedKeys)
        {
            keys.Add(key.ToJwk());
        }

        return new JsonObject { ["keys"] = keys };
    }
}
