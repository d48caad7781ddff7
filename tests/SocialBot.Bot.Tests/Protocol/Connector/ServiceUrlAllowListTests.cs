using Microsoft.Extensions.Logging.Abstractions;
using SocialBot.Bot.Protocol.Connector;

namespace SocialBot.Bot.Tests.Protocol.Connector;

public sealed class ServiceUrlAllowListTests
{
    private static ServiceUrlAllowList Create(bool development) => new(development, NullLogger<ServiceUrlAllowList>.Instance);

    [Fact]
    public void IsAllowed_NothingLearned_False()
    {
        Assert.False(Create(development: false).IsAllowed("https://smba.trafficmanager.net/amer/"));
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/", "https://smba.trafficmanager.net/amer")]
    [InlineData("https://smba.trafficmanager.net/amer", "https://smba.trafficmanager.net/amer/")]
    [InlineData("https://SMBA.trafficmanager.net/amer/", "https://smba.trafficmanager.net/amer/")]
    public void IsAllowed_LearnedUrlSpelledWithOrWithoutSlash_True(string learned, string asked)
    {
        var allowList = Create(development: false);
        allowList.Learn(learned);

        Assert.True(allowList.IsAllowed(asked));
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/emea/")]
    [InlineData("https://evil.trafficmanager.net/amer/")]
    [InlineData("https://smba.trafficmanager.net.evil.com/amer/")]
    [InlineData("http://smba.trafficmanager.net/amer/")]
    [InlineData("https://user@smba.trafficmanager.net/amer/")]
    public void IsAllowed_OtherUrlThanLearned_False(string asked)
    {
        var allowList = Create(development: false);
        allowList.Learn("https://smba.trafficmanager.net/amer/");

        Assert.False(allowList.IsAllowed(asked));
    }

    [Theory]
    [InlineData("http://localhost:56150/_connector")]
    [InlineData("http://127.0.0.1:5000/")]
    public void IsAllowed_LoopbackInDevelopment_True(string serviceUrl)
    {
        Assert.True(Create(development: true).IsAllowed(serviceUrl));
    }

    [Theory]
    [InlineData("http://localhost:56150/_connector")]
    [InlineData("http://127.0.0.1:5000/")]
    public void IsAllowed_LoopbackOutsideDevelopment_FalseEvenWhenLearned(string serviceUrl)
    {
        var allowList = Create(development: false);
        allowList.Learn(serviceUrl);

        Assert.False(allowList.IsAllowed(serviceUrl));
    }

    [Fact]
    public void EnsureAllowed_UnknownUrl_ThrowsUntrustedServiceUrl()
    {
        var exception = Assert.Throws<UntrustedServiceUrlException>(() => Create(development: true).EnsureAllowed("https://attacker.example/"));

        Assert.Equal("https://attacker.example/", exception.ServiceUrl);
    }
}
