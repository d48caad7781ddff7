using SocialBot.Bot.Protocol.Schema;

namespace SocialBot.Bot.Protocol.Hosting;

/// <summary>
/// The seam between the wire layer and the bot: the endpoint hands over an authenticated activity
/// and gets back the invoke response (null for non-invoke activities).
/// </summary>
internal interface IActivityProcessor
{
    Task<InvokeResponse?> ProcessAsync(Activity activity, AuthenticatedCaller caller, CancellationToken ct);
}

internal sealed record AuthenticatedCaller(bool IsAnonymous, string? AppId);
