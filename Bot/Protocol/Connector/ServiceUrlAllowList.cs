using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SocialBot.Bot.Protocol.Connector;

/// <summary>
/// The service URLs the bot's token may be sent to: those learned from authenticated activities (and from
/// conversation references persisted from them), plus loopback URLs in Development for the Agents Playground.
/// A leaked Bot Framework token lets anyone post as the bot, so every other URL is refused.
/// </summary>
internal sealed partial class ServiceUrlAllowList(bool allowLoopback, ILogger<ServiceUrlAllowList> logger) : IServiceUrlLearner
{
    private readonly ConcurrentDictionary<string, byte> _learned = new(StringComparer.Ordinal);

    /// <summary>Call only with the service URL of an activity whose token passed validation (incl. the serviceurl claim).</summary>
    public void Learn(string serviceUrl)
    {
        if (Normalize(serviceUrl) is not { } key)
        {
            LogIgnored(logger, "not an absolute URL");
            return;
        }

        if (!key.StartsWith(Uri.UriSchemeHttps + "://", StringComparison.Ordinal) && !IsLoopbackAllowed(serviceUrl))
        {
            LogIgnored(logger, "not https");
            return;
        }

        if (_learned.TryAdd(key, 0))
        {
            LogLearned(logger, key);
        }
    }

    public bool IsAllowed(string serviceUrl) =>
        Normalize(serviceUrl) is { } key && (_learned.ContainsKey(key) || IsLoopbackAllowed(serviceUrl));

    public void EnsureAllowed(string serviceUrl)
    {
        if (!IsAllowed(serviceUrl))
        {
            throw new UntrustedServiceUrlException(serviceUrl);
        }
    }

    private bool IsLoopbackAllowed(string serviceUrl) =>
        allowLoopback
        && Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase) || uri.IsLoopback);

    /// <summary>Scheme, host, port and path without the trailing slash: both spellings of a service URL are the same.</summary>
    private static string? Normalize(string? serviceUrl) =>
        Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && string.IsNullOrEmpty(uri.UserInfo)
            ? uri.GetLeftPart(UriPartial.Path).TrimEnd('/')
            : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Learned the service URL {ServiceUrl} from an authenticated activity")]
    private static partial void LogLearned(ILogger logger, string serviceUrl);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a service URL that cannot receive the bot token: {Reason}")]
    private static partial void LogIgnored(ILogger logger, string reason);
}
