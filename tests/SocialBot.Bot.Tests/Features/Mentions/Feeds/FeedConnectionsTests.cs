using System.Net;
using SocialBot.Bot.Features.Mentions.Feeds;

namespace SocialBot.Bot.Tests.Features.Mentions.Feeds;

public sealed class FeedConnectionsTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    public void IsPrivate_LocalPrivateLinkLocalAndMetadataAddresses_True(string address) =>
        Assert.True(FeedConnections.IsPrivate(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]
    [InlineData("192.169.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946")]
    [InlineData("::ffff:93.184.216.34")]
    public void IsPrivate_PublicAddresses_False(string address) =>
        Assert.False(FeedConnections.IsPrivate(IPAddress.Parse(address)));

    [Theory]
    [InlineData("http://127.0.0.1:9/feed.xml")]
    [InlineData("http://localhost:9/feed.xml")]
    [InlineData("http://[::1]:9/feed.xml")]
    [InlineData("http://2130706433:9/feed.xml")]
    public async Task Handler_PrivateAddresses_RefusedBeforeConnecting(string url)
    {
        using var client = new HttpClient(FeedConnections.Handler(allowPrivate: false));

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri(url)));

        Assert.IsType<PrivateFeedAddressException>(failure.InnerException);
    }
}
