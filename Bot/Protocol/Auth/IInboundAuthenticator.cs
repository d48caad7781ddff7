using System.Security.Claims;

namespace SocialBot.Bot.Protocol.Auth;

internal interface IInboundAuthenticator
{
    Task<InboundAuthResult> AuthenticateAsync(string? authorizationHeader, string? channelId, string? serviceUrl, CancellationToken ct);
}

internal sealed record InboundAuthResult(bool Succeeded, ClaimsIdentity? Identity, bool IsAnonymous, string? FailureReason)
{
    public static InboundAuthResult Failure(string reason) => new(false, null, false, reason);
}
