using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Moq;
using SocialBot.Bot.Protocol.Connector;

namespace SocialBot.IntegrationTests.Protocol.Connector;

/// <summary>The connector services as the bot registers them, optionally with a fixed token.</summary>
internal static class ConnectorHost
{
    public static ServiceProvider Build(string environment = "Development", string? token = null, Dictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddConnector(configuration, Mock.Of<IHostEnvironment>(e => e.EnvironmentName == environment));
        if (token is not null)
        {
            services.AddSingleton<IBotTokenProvider>(new FixedTokenProvider(token));
        }

        return services.BuildServiceProvider();
    }

    private sealed class FixedTokenProvider(string token) : IBotTokenProvider
    {
        public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(token);
    }
}
