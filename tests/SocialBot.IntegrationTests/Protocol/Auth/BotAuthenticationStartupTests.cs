using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SocialBot.Bot.Protocol.Auth;

namespace SocialBot.IntegrationTests.Protocol.Auth;

public sealed class BotAuthenticationStartupTests
{
    [Theory]
    [InlineData("Production", false)]
    [InlineData("Production", true)]
    [InlineData("Staging", true)]
    [InlineData("Development", false)]
    public async Task StartAsync_NoAppIdOutsideDevelopmentWithFlag_RefusesToStart(string environment, bool allowUnauthenticated)
    {
        using var host = BuildHost(environment, new Dictionary<string, string?>
        {
            ["BotFramework:AllowUnauthenticated"] = allowUnauthenticated ? "true" : "false",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        var message = string.Join(" ", error.Failures);
        Assert.Contains("MicrosoftAppId", message, StringComparison.Ordinal);
        Assert.Contains("BotFramework:AllowUnauthenticated=true", message, StringComparison.Ordinal);
        Assert.Contains("Development", message, StringComparison.Ordinal);
        Assert.Contains($"current environment: {environment}", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_NoAppIdInDevelopmentWithFlag_StartsAnonymous()
    {
        using var host = BuildHost("Development", new Dictionary<string, string?> { ["BotFramework:AllowUnauthenticated"] = "true" });

        await host.StartAsync();
        var result = await host.Services.GetRequiredService<IInboundAuthenticator>().AuthenticateAsync(null, "msteams", null, CancellationToken.None);
        await host.StopAsync();

        Assert.True(result.IsAnonymous);
    }

    [Fact]
    public async Task StartAsync_AppIdInProduction_Starts()
    {
        using var host = BuildHost("Production", new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = AuthTestHost.AppId,
            ["MicrosoftAppPassword"] = "secret",
        });

        await host.StartAsync();
        var result = await host.Services.GetRequiredService<IInboundAuthenticator>().AuthenticateAsync(null, "msteams", null, CancellationToken.None);
        await host.StopAsync();

        Assert.Equal(InboundAuthFailure.MissingHeader, result.Failure);
    }

    [Fact]
    public async Task StartAsync_HttpMetadataUrlOnPublicHost_RefusesToStart()
    {
        using var host = BuildHost("Production", new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = AuthTestHost.AppId,
            ["ToBotFromChannelOpenIdMetadataUrl"] = "http://login.botframework.com/v1/.well-known/openidconfiguration",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(error.Failures, f => f.Contains("ToBotFromChannelOpenIdMetadataUrl", StringComparison.Ordinal) && f.Contains("https", StringComparison.Ordinal));
    }

    private static IHost BuildHost(string environment, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddBotAuthentication(builder.Configuration, builder.Environment);
        return builder.Build();
    }
}
