using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Moq;
using SocialBot.Bot.Proactive;
using SocialBot.Bot.Protocol.Connector;

namespace SocialBot.Bot.Tests.Protocol.Connector;

public sealed class ConnectorServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(string environment, Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var host = Mock.Of<IHostEnvironment>(e => e.EnvironmentName == environment);
        return new ServiceCollection().AddLogging().AddConnector(configuration, host).BuildServiceProvider();
    }

    [Fact]
    public void AddConnector_RootKeysAndProactiveSection_BoundAndResolvable()
    {
        using var services = Build(Environments.Production, new()
        {
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = "app-id",
            ["MicrosoftAppPassword"] = "secret",
            ["MicrosoftAppTenantId"] = "tid",
            ["Proactive:PerTenantPerSecond"] = "20",
        });

        var identity = services.GetRequiredService<IOptions<OutboundIdentityOptions>>().Value;
        Assert.Equal("app-id", identity.MicrosoftAppId);
        Assert.Equal("https://login.microsoftonline.com/botframework.com", identity.ToChannelFromBotLoginUrl);
        Assert.Equal("https://api.botframework.com", identity.ToChannelFromBotOAuthScope);
        Assert.Equal(20, services.GetRequiredService<IOptions<ProactiveOptions>>().Value.PerTenantPerSecond);
        Assert.IsType<ConnectorClient>(services.GetRequiredService<IConnectorClient>());
        Assert.IsType<ProactiveSender>(services.GetRequiredService<IProactiveSender>());
        Assert.Same(services.GetRequiredService<ConversationRateLimiter>(), services.GetRequiredService<IConnectorThrottleObserver>());
        Assert.False(services.GetRequiredService<ServiceUrlAllowList>().IsAllowed("http://localhost:3978/_connector"));
    }

    [Fact]
    public void AddConnector_Development_LoopbackAllowed()
    {
        using var services = Build(Environments.Development, []);

        Assert.True(services.GetRequiredService<ServiceUrlAllowList>().IsAllowed("http://localhost:56150/_connector"));
    }

    [Fact]
    public void AddConnector_SingleTenantWithoutTenantId_FailsValidation()
    {
        using var services = Build(Environments.Production, new()
        {
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = "app-id",
            ["MicrosoftAppPassword"] = "secret",
        });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<OutboundIdentityOptions>>().Value);
    }
}
