using System.Collections.Frozen;
using System.Security.Claims;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SocialBot.Bot.Protocol.Auth;

/// <summary>
/// Validates Bot Connector → bot tokens the way the Bot Framework SDK does for the public cloud channel path
/// (PROTOCOL.md §2.2): Bearer scheme, issuer, RS256/384/512 signature with a key from the OpenID metadata, audience = app id,
/// lifetime with 5 minutes skew, the signing key's endorsements contain the channel, and <c>serviceurl</c> = activity serviceUrl.
/// </summary>
internal sealed partial class BotFrameworkTokenValidator(
    IOptions<BotIdentityOptions> options,
    ChannelSigningKeyCache signingKeys,
    TimeProvider timeProvider,
    ILogger<BotFrameworkTokenValidator> logger) : IInboundAuthenticator
{
    public const string ServiceUrlClaim = "serviceurl";
    public const string TenantIdClaim = "tid";

    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static readonly FrozenSet<string> AllowedAlgorithms =
        new[] { SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512 }.ToFrozenSet(StringComparer.Ordinal);

    private readonly BotIdentityOptions settings = options.Value;
    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };

    public async Task<InboundAuthResult> AuthenticateAsync(string? authorizationHeader, string? channelId, string? serviceUrl, CancellationToken ct)
    {
        var result = await ValidateAsync(authorizationHeader, channelId, serviceUrl, ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            Log.Rejected(logger, result.Failure, result.Reason, Shorten(channelId));
        }

        return result;
    }

    private async Task<InboundAuthResult> ValidateAsync(string? authorizationHeader, string? channelId, string? serviceUrl, CancellationToken ct)
    {
        if (settings.AllowsAnonymousRequests)
        {
            // Development + BotFramework:AllowUnauthenticated + no app id: the Agents Playground without a bot identity.
            return InboundAuthResult.Anonymous();
        }

        if (string.IsNullOrWhiteSpace(authorizationHeader))
        {
            return InboundAuthResult.Failed(InboundAuthFailure.MissingHeader, "no Authorization header");
        }

        var appId = settings.MicrosoftAppId;
        if (string.IsNullOrWhiteSpace(appId))
        {
            // Unreachable after start-up validation; kept so a misconfigured host can never accept a token for "no audience".
            return InboundAuthResult.Failed(InboundAuthFailure.WrongAudience, "no MicrosoftAppId configured");
        }

        var parts = authorizationHeader.Split(' ');
        if (parts.Length != 2 || parts[1].Length == 0)
        {
            return InboundAuthResult.Failed(InboundAuthFailure.MalformedHeader, "Authorization header is not '<scheme> <token>'");
        }

        // The SDK compares the scheme case-sensitively.
        if (!string.Equals(parts[0], "Bearer", StringComparison.Ordinal))
        {
            return InboundAuthResult.Failed(InboundAuthFailure.WrongScheme, "Authorization scheme is not Bearer");
        }

        var token = parts[1];
        JsonWebToken jwt;
        try
        {
            if (!handler.CanReadToken(token))
            {
                return InboundAuthResult.Failed(InboundAuthFailure.MalformedToken, "token is not a JWS");
            }

            jwt = handler.ReadJsonWebToken(token);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenMalformedException)
        {
            return InboundAuthResult.Failed(InboundAuthFailure.MalformedToken, "token cannot be parsed");
        }

        if (jwt.IsEncrypted)
        {
            return InboundAuthResult.Failed(InboundAuthFailure.MalformedToken, "token is encrypted");
        }

        if (!AllowedAlgorithms.Contains(jwt.Alg ?? string.Empty))
        {
            return InboundAuthResult.Failed(InboundAuthFailure.AlgorithmNotAllowed, $"signing algorithm '{Shorten(jwt.Alg)}' is not allowed");
        }

        // Like the SDK's pre-check: don't fetch keys for tokens from an issuer we never accept.
        if (!string.Equals(jwt.Issuer, settings.ToBotFromChannelTokenIssuer, StringComparison.Ordinal))
        {
            return InboundAuthResult.Failed(InboundAuthFailure.WrongIssuer, $"issuer '{Shorten(jwt.Issuer)}' is not accepted");
        }

        var keyId = jwt.Kid;
        if (string.IsNullOrEmpty(keyId))
        {
            return InboundAuthResult.Failed(InboundAuthFailure.UnknownSigningKey, "token has no kid");
        }

        ChannelSigningKey? signingKey;
        try
        {
            var keys = await signingKeys.GetAsync(ct).ConfigureAwait(false);
            if (!keys.TryGet(keyId, out signingKey))
            {
                keys = await signingKeys.RefreshForUnknownKeyAsync(Shorten(keyId), keys, ct).ConfigureAwait(false);
                if (!keys.TryGet(keyId, out signingKey))
                {
                    return InboundAuthResult.Failed(InboundAuthFailure.UnknownSigningKey, $"signing key '{Shorten(keyId)}' is not published");
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return InboundAuthResult.Failed(InboundAuthFailure.SigningKeysUnavailable, "signing keys could not be downloaded");
        }

        var validation = await handler.ValidateTokenAsync(token, CreateParameters(appId, signingKey.Key)).ConfigureAwait(false);
        if (!validation.IsValid)
        {
            return MapFailure(validation.Exception);
        }

        var lifetime = CheckLifetime(jwt);
        if (lifetime is not null)
        {
            return lifetime;
        }

        if (string.IsNullOrEmpty(channelId))
        {
            return InboundAuthResult.Failed(InboundAuthFailure.ChannelNotEndorsed, "activity has no channelId");
        }

        if (!signingKey.Endorsements.Contains(channelId))
        {
            return InboundAuthResult.Failed(InboundAuthFailure.ChannelNotEndorsed, $"signing key is not endorsed for channel '{Shorten(channelId)}'");
        }

        var identity = validation.ClaimsIdentity;
        if (serviceUrl is not null)
        {
            var claim = identity.FindFirst(ServiceUrlClaim)?.Value;
            if (string.IsNullOrEmpty(claim))
            {
                return InboundAuthResult.Failed(InboundAuthFailure.ServiceUrlClaimMissing, "token has no serviceurl claim");
            }

            if (!string.Equals(claim, serviceUrl, StringComparison.OrdinalIgnoreCase))
            {
                return InboundAuthResult.Failed(InboundAuthFailure.ServiceUrlMismatch, "serviceurl claim does not match the activity serviceUrl");
            }
        }

        var audience = identity.FindFirst(JwtRegisteredClaimNames.Aud)?.Value ?? appId;
        return InboundAuthResult.Authenticated(identity, audience, identity.FindFirst(TenantIdClaim)?.Value, CallerIdFor(jwt.Issuer));
    }

    private TokenValidationParameters CreateParameters(string appId, SecurityKey key) => new()
    {
        ValidateIssuer = true,
        ValidIssuer = settings.ToBotFromChannelTokenIssuer,
        ValidateAudience = true,
        ValidAudience = appId,
        RequireAudience = true,
        RequireSignedTokens = true,
        IssuerSigningKey = key,
        TryAllIssuerSigningKeys = false,
        ValidAlgorithms = AllowedAlgorithms,
        // The library reads the wall clock; lifetime is checked in CheckLifetime with the injected TimeProvider.
        ValidateLifetime = false,
        SaveSigninToken = false,
    };

    private InboundAuthResult? CheckLifetime(JsonWebToken jwt)
    {
        // JsonWebToken reports an absent exp/nbf as DateTime.MinValue.
        if (jwt.ValidTo == DateTime.MinValue)
        {
            return InboundAuthResult.Failed(InboundAuthFailure.MissingExpiry, "token has no exp claim");
        }

        var now = timeProvider.GetUtcNow();
        if (now - ClockSkew >= new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero))
        {
            return InboundAuthResult.Failed(InboundAuthFailure.Expired, "token has expired");
        }

        if (jwt.ValidFrom != DateTime.MinValue && now + ClockSkew < new DateTimeOffset(jwt.ValidFrom, TimeSpan.Zero))
        {
            return InboundAuthResult.Failed(InboundAuthFailure.NotYetValid, "token is not valid yet");
        }

        return null;
    }

    private static InboundAuthResult MapFailure(Exception? exception) => exception switch
    {
        SecurityTokenInvalidAudienceException => InboundAuthResult.Failed(InboundAuthFailure.WrongAudience, "audience is not this bot's app id"),
        SecurityTokenInvalidIssuerException => InboundAuthResult.Failed(InboundAuthFailure.WrongIssuer, "issuer is not accepted"),
        SecurityTokenInvalidAlgorithmException => InboundAuthResult.Failed(InboundAuthFailure.AlgorithmNotAllowed, "signing algorithm is not allowed"),
        SecurityTokenSignatureKeyNotFoundException => InboundAuthResult.Failed(InboundAuthFailure.UnknownSigningKey, "signing key not found"),
        SecurityTokenInvalidSignatureException => InboundAuthResult.Failed(InboundAuthFailure.InvalidSignature, "signature is invalid"),
        SecurityTokenMalformedException => InboundAuthResult.Failed(InboundAuthFailure.MalformedToken, "token cannot be parsed"),
        _ => InboundAuthResult.Failed(InboundAuthFailure.InvalidToken, $"token rejected ({exception?.GetType().Name ?? "unknown"})"),
    };

    private static string? CallerIdFor(string issuer) => issuer switch
    {
        BotIdentityOptions.PublicCloudTokenIssuer => InboundAuthResult.PublicCloudCallerId,
        BotIdentityOptions.UsGovTokenIssuer => InboundAuthResult.UsGovCallerId,
        _ => null,
    };

    // Attacker-controlled header values end up in logs; keep them short.
    private static string Shorten(string? value) =>
        value is null ? string.Empty : value.Length <= 64 ? value : string.Concat(value.AsSpan(0, 64), "…");

    private static partial class Log
    {
        [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Inbound request rejected ({Failure}): {Reason}; channel {ChannelId}")]
        public static partial void Rejected(ILogger logger, InboundAuthFailure failure, string? reason, string? channelId);
    }
}
