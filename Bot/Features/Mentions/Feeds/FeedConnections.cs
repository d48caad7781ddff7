using System.Net;
using System.Net.Sockets;

namespace SocialBot.Bot.Features.Mentions.Feeds;

/// <summary>A feed address that resolves into a network the bot does not fetch from for users.</summary>
internal sealed class PrivateFeedAddressException(string host) : Exception($"{host} resolves to a private or local network address.");

/// <summary>
/// The primary handler of the feed client. The private-network check runs when the socket connects, on the address
/// actually dialled: so a redirect to <c>http://169.254.169.254/</c> or a name that re-resolves to a private address
/// after a check (DNS rebinding) is refused as well, which a check of the typed address alone would miss.
/// </summary>
internal static class FeedConnections
{
    public static SocketsHttpHandler Handler(bool allowPrivate) => new()
    {
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = 5,
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),

        // A proxy would be what the socket dials, so the address check would check the proxy; feeds go direct.
        UseProxy = false,
        ConnectCallback = allowPrivate ? null : ConnectToPublicAsync,
    };

    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast
            || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None))
        {
            return true;
        }

        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }

        var b = address.GetAddressBytes();
        return b[0] is 0 or 10 or 127 or >= 224
            || (b[0] == 172 && b[1] is >= 16 and <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] is >= 64 and <= 127);
    }

    private static async ValueTask<Stream> ConnectToPublicAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct).ConfigureAwait(false);
        if (addresses.Length == 0 || addresses.Any(IsPrivate))
        {
            throw new PrivateFeedAddressException(host);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
