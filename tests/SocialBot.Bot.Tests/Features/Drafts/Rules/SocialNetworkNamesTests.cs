using SocialBot.Bot.Features.Drafts.Rules;

namespace SocialBot.Bot.Tests.Features.Drafts.Rules;

public sealed class SocialNetworkNamesTests
{
    [Theory]
    [InlineData("X", "x", "X")]
    [InlineData("LinkedIn", "linkedin", "LinkedIn")]
    [InlineData("Instagram", "instagram", "Instagram")]
    [InlineData("Facebook", "facebook", "Facebook")]
    [InlineData("Threads", "threads", "Threads")]
    [InlineData("Bluesky", "bluesky", "Bluesky")]
    [InlineData("Mastodon", "mastodon", "Mastodon")]
    public void Names_EachNetwork_AreStable(string networkName, string wireName, string displayName)
    {
        var network = PostTextSamples.Network(networkName);

        Assert.Equal(wireName, network.WireName());
        Assert.Equal(displayName, network.DisplayName());
        Assert.True(SocialNetworkNames.TryParseWireName(wireName, out var parsed));
        Assert.Equal(network, parsed);
    }

    [Theory]
    [InlineData(" LinkedIn ", true, "LinkedIn")]
    [InlineData("twitter", true, "X")]
    [InlineData("myspace", false, null)]
    [InlineData("", false, null)]
    public void TryParseWireName_Input_ParsesKnownNames(string input, bool expectedOk, string? expectedName)
    {
        var ok = SocialNetworkNames.TryParseWireName(input, out var parsed);

        Assert.Equal(expectedOk, ok);
        if (expectedName is not null)
        {
            Assert.Equal(PostTextSamples.Network(expectedName), parsed);
        }
    }
}
