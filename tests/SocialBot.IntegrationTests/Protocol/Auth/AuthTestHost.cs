using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using SocialBot.Bot.Protocol.Auth;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Protocol.Auth;

/// <summary>Builds the authentication services exactly as the bot registers them, pointed at a <see cref="TestOpenIdIssuer"/>.</summary>
internal static class AuthTestHost
{
    public const string AppId = "4f6e1c2a-7d4b-4d7e-9a51-3b1f0c9e2d11";
    public const string ServiceUrl = "https://smba.trafficmanager.net/emea/";

    public static Dictionary<string, string?> SettingsFor(TestOpenIdIssuer issuer, string? appId = AppId) => new()
    {
        ["MicrosoftAppType"] = "SingleTenant",
        ["MicrosoftAppId"] = appId,
        ["MicrosoftAppPassword"] = "not-used-inbound",
        ["MicrosoftAppTenantId"] = "7e0a2b7c-0000-4000-8000-000000000001",
        ["ToBotFromChannelOpenIdMetadataUrl"] = issuer.MetadataUrl,
        ["ToBotFromChannelTokenIssuer"] = issuer.IssuerName,
    };

    public static ServiceProvider BuildServices(IDictionary<string, string?> settings, TimeProvider timeProvider, string environmentName = "Production")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(timeProvider);
        services.AddBotAuthentication(configuration, new FixedHostEnvironment(environmentName));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static FakeTimeProvider NewClock() => new(new DateTimeOffset(2030, 6, 1, 12, 0, 0, TimeSpan.Zero));

    internal sealed class FixedHostEnvironment(string environmentName) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = environmentName;

        public string ApplicationName { get; set; } = "SocialBot.Bot";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
