namespace SocialBot.Bot.Protocol.Auth;

/// <summary>Authenticates a request from the Bot Connector before anything in the activity is acted on.</summary>
internal interface IInboundAuthenticator
{
    /// <param name="authorizationHeader">The raw <c>Authorization</c> header value, if any.</param>
    /// <param name="channelId">The activity's <c>channelId</c>; must be endorsed by the signing key.</param>
    /// <param name="serviceUrl">The activity's <c>serviceUrl</c>; when present it must equal the token's <c>serviceurl</c> claim.</param>
    Task<InboundAuthResult> AuthenticateAsync(string? authorizationHeader, string? channelId, string? serviceUrl, CancellationToken ct);
}
