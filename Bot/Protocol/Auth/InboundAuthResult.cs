using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;

namespace SocialBot.Bot.Protocol.Auth;

/// <summary>Why an inbound request was rejected; every value maps to HTTP 401.</summary>
internal enum InboundAuthFailure
{
    None,
    MissingHeader,
    MalformedHeader,
    WrongScheme,
    MalformedToken,
    AlgorithmNotAllowed,
    WrongIssuer,
    UnknownSigningKey,
    SigningKeysUnavailable,
    InvalidSignature,
    WrongAudience,
    MissingExpiry,
    Expired,
    NotYetValid,
    ChannelNotEndorsed,
    ServiceUrlClaimMissing,
    ServiceUrlMismatch,
    InvalidToken,
}

/// <summary>
/// Outcome of <see cref="IInboundAuthenticator.AuthenticateAsync"/>. <see cref="Reason"/> is short and safe to log;
/// it never contains the token.
/// </summary>
internal sealed record InboundAuthResult
{
    /// <summary>The SDK's authentication type for requests accepted without a token.</summary>
    public const string AnonymousAuthenticationType = "anonymous";

    /// <summary><c>callerId</c> of turns from the public Azure cloud.</summary>
    public const string PublicCloudCallerId = "urn:botframework:azure";

    /// <summary><c>callerId</c> of turns from the US Government cloud.</summary>
    public const string UsGovCallerId = "urn:botframework:azureusgov";

    private InboundAuthResult()
    {
    }

    [MemberNotNullWhen(true, nameof(Identity))]
    [MemberNotNullWhen(false, nameof(Reason))]
    public bool Succeeded { get; private init; }

    public ClaimsIdentity? Identity { get; private init; }

    public bool IsAnonymous { get; private init; }

    /// <summary>The token's <c>aud</c>, i.e. the bot's app id used for outbound calls; null when anonymous.</summary>
    public string? AppId { get; private init; }

    /// <summary>The token's <c>tid</c> claim when it carries one (Bot Connector tokens usually do not).</summary>
    public string? TenantId { get; private init; }

    /// <summary><c>callerId</c> to stamp on the turn; null for anonymous requests.</summary>
    public string? CallerId { get; private init; }

    public InboundAuthFailure Failure { get; private init; }

    public string? Reason { get; private init; }

    public static InboundAuthResult Authenticated(ClaimsIdentity identity, string appId, string? tenantId, string? callerId) =>
        new() { Succeeded = true, Identity = identity, AppId = appId, TenantId = tenantId, CallerId = callerId };

    public static InboundAuthResult Anonymous() =>
        new() { Succeeded = true, IsAnonymous = true, Identity = new ClaimsIdentity(AnonymousAuthenticationType) };

    public static InboundAuthResult Failed(InboundAuthFailure failure, string reason) =>
        new() { Succeeded = false, Failure = failure, Reason = reason };
}
