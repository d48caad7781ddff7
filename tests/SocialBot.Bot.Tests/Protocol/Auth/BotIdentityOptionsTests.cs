using Microsoft.Extensions.Configuration;
using SocialBot.Bot.Protocol.Auth;

namespace SocialBot.Bot.Tests.Protocol.Auth;

public sealed class BotIdentityOptionsTests
{
    private const string AppId = "4f6e1c2a-7d4b-4d7e-9a51-3b1f0c9e2d11";

    [Fact]
    public void Bind_NoSettings_UsesPublicCloudDefaults()
    {
        var options = Bind([], "Production");

        Assert.Equal("https://login.botframework.com/v1/.well-known/openidconfiguration", options.ToBotFromChannelOpenIdMetadataUrl);
        Assert.Equal("https://api.botframework.com", options.ToBotFromChannelTokenIssuer);
        Assert.Equal("https://login.microsoftonline.com/botframework.com", options.ToChannelFromBotLoginUrl);
        Assert.Equal("https://api.botframework.com", options.ToChannelFromBotOAuthScope);
        Assert.True(options.ValidateAuthority);
        Assert.False(options.AllowUnauthenticated);
        Assert.Empty(options.AllowedTenants);
        Assert.Equal(MicrosoftAppType.MultiTenant, options.ParsedAppType);
        Assert.Equal(TimeSpan.FromMinutes(5), options.SigningKeyRefreshMinInterval);
    }

    [Fact]
    public void Bind_RootKeys_AreRead()
    {
        var options = Bind(new()
        {
            ["MicrosoftAppType"] = "singletenant",
            ["MicrosoftAppId"] = $" {AppId} ",
            ["MicrosoftAppPassword"] = "pw",
            ["MicrosoftAppTenantId"] = "tenant",
            ["ToBotFromChannelOpenIdMetadataUrl"] = "https://login.botframework.azure.us/v1/.well-known/openidconfiguration",
            ["ToBotFromChannelTokenIssuer"] = "https://api.botframework.us",
            ["ToChannelFromBotLoginUrl"] = "https://login.microsoftonline.us/MicrosoftServices.onmicrosoft.us",
            ["ToChannelFromBotOAuthScope"] = "https://api.botframework.us",
            ["ValidateAuthority"] = "false",
            ["BotFramework:SigningKeyRefreshMinInterval"] = "00:00:30",
        }, "Production");

        Assert.Equal(MicrosoftAppType.SingleTenant, options.ParsedAppType);
        Assert.Equal(AppId, options.MicrosoftAppId);
        Assert.Equal("pw", options.MicrosoftAppPassword);
        Assert.Equal("tenant", options.MicrosoftAppTenantId);
        Assert.Equal("https://api.botframework.us", options.ToBotFromChannelTokenIssuer);
        Assert.Equal("https://login.microsoftonline.us/MicrosoftServices.onmicrosoft.us", options.ToChannelFromBotLoginUrl);
        Assert.False(options.ValidateAuthority);
        Assert.Equal(TimeSpan.FromSeconds(30), options.SigningKeyRefreshMinInterval);
        Assert.True(Validate(options).Succeeded);
    }

    [Fact]
    public void Bind_AllowedTenantsCommaSeparated_SplitsAndTrims()
    {
        var options = Bind(new() { ["BotFramework:AllowedTenants"] = " tenant-a, tenant-b ,,tenant-a" }, "Production");

        Assert.Equal(["tenant-a", "tenant-b"], options.AllowedTenants);
    }

    [Fact]
    public void Bind_AllowedTenantsIndexed_KeepsIndexOrder()
    {
        var options = Bind(new()
        {
            ["BotFramework:AllowedTenants:10"] = "tenant-k",
            ["BotFramework:AllowedTenants:2"] = "tenant-c",
            ["BotFramework:AllowedTenants:0"] = "tenant-a",
        }, "Production");

        Assert.Equal(["tenant-a", "tenant-c", "tenant-k"], options.AllowedTenants);
    }

    [Fact]
    public void Bind_AllowedTenantsFromEnvironmentVariablesInBothForms_ReadsAll()
    {
        var prefix = $"SOCIALBOT_TEST_{Guid.NewGuid():N}_";
        var names = new[] { prefix + "BotFramework__AllowedTenants__0", prefix + "BotFramework__AllowedTenants__1" };
        try
        {
            Environment.SetEnvironmentVariable(names[0], "tenant-a");
            Environment.SetEnvironmentVariable(names[1], "tenant-b,tenant-c");
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build();

            var options = new BotIdentityOptions();
            BotIdentityOptionsBinder.Bind(configuration, "Production", options);

            Assert.Equal(["tenant-a", "tenant-b", "tenant-c"], options.AllowedTenants);
        }
        finally
        {
            foreach (var name in names)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }

    [Theory]
    [InlineData("", "tenant-x", true)]
    [InlineData("tenant-a,tenant-b", "TENANT-B", true)]
    [InlineData("tenant-a,tenant-b", "tenant-x", false)]
    [InlineData("tenant-a", null, false)]
    public void IsTenantAllowed_AllowList_IsApplied(string allowed, string? tenant, bool expected)
    {
        var options = Bind(new() { ["BotFramework:AllowedTenants"] = allowed }, "Production");

        Assert.Equal(expected, options.IsTenantAllowed(tenant));
    }

    [Theory]
    [InlineData("http://login.botframework.com/v1/.well-known/openidconfiguration")]
    [InlineData("http://10.0.0.5:8080/v1/.well-known/openidconfiguration")]
    [InlineData("ftp://login.botframework.com/x")]
    [InlineData("not a url")]
    public void Validate_MetadataUrlNotHttpsOnPublicHost_FailsNamingKey(string url)
    {
        var result = Validate(Bind(new() { ["MicrosoftAppId"] = AppId, ["ToBotFromChannelOpenIdMetadataUrl"] = url }, "Production"));

        Assert.True(result.Failed);
        Assert.Contains("ToBotFromChannelOpenIdMetadataUrl", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("https", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5123/v1/.well-known/openidconfiguration")]
    [InlineData("http://localhost:5123/v1/.well-known/openidconfiguration")]
    [InlineData("http://[::1]:5123/v1/.well-known/openidconfiguration")]
    [InlineData("https://login.botframework.com/v1/.well-known/openidconfiguration")]
    public void Validate_MetadataUrlHttpsOrLoopback_Succeeds(string url)
    {
        var result = Validate(Bind(new() { ["MicrosoftAppId"] = AppId, ["ToBotFromChannelOpenIdMetadataUrl"] = url }, "Production"));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("SingleTenant")]
    [InlineData("MultiTenant")]
    [InlineData("UserAssignedMSI")]
    [InlineData("userassignedmsi")]
    public void Validate_KnownAppType_Succeeds(string appType)
    {
        var result = Validate(Bind(new() { ["MicrosoftAppId"] = AppId, ["MicrosoftAppType"] = appType, ["MicrosoftAppTenantId"] = "tenant" }, "Production"));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("Multi")]
    [InlineData("1")]
    [InlineData("SystemAssignedMSI")]
    public void Validate_UnknownAppType_FailsNamingKey(string appType)
    {
        var result = Validate(Bind(new() { ["MicrosoftAppId"] = AppId, ["MicrosoftAppType"] = appType }, "Production"));

        Assert.True(result.Failed);
        Assert.Contains("MicrosoftAppType", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SingleTenant")]
    [InlineData("UserAssignedMSI")]
    public void Validate_TenantScopedAppTypeWithoutTenant_FailsNamingKey(string appType)
    {
        var result = Validate(Bind(new() { ["MicrosoftAppId"] = AppId, ["MicrosoftAppType"] = appType }, "Production"));

        Assert.True(result.Failed);
        Assert.Contains("MicrosoftAppTenantId", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production", "true")]
    [InlineData("Staging", "true")]
    [InlineData("Development", "false")]
    [InlineData("Development", null)]
    public void Validate_NoAppIdWithoutDevelopmentAndFlag_FailsExplainingBoth(string environment, string? flag)
    {
        var options = Bind(new() { ["BotFramework:AllowUnauthenticated"] = flag }, environment);

        var result = Validate(options);

        Assert.True(result.Failed);
        Assert.False(options.AllowsAnonymousRequests);
        Assert.Contains("MicrosoftAppId is not set", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("BotFramework:AllowUnauthenticated=true AND run in the Development environment", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoAppIdInDevelopmentWithFlag_SucceedsAndAllowsAnonymous()
    {
        var options = Bind(new() { ["BotFramework:AllowUnauthenticated"] = "TRUE" }, "Development");

        Assert.True(Validate(options).Succeeded);
        Assert.True(options.AllowsAnonymousRequests);
    }

    [Fact]
    public void Validate_FlagWithAppId_DoesNotAllowAnonymous()
    {
        var options = Bind(new() { ["MicrosoftAppId"] = AppId, ["BotFramework:AllowUnauthenticated"] = "true" }, "Development");

        Assert.True(Validate(options).Succeeded);
        Assert.False(options.AllowsAnonymousRequests);
    }

    [Theory]
    [InlineData("BotFramework:AllowUnauthenticated", "yes")]
    [InlineData("ValidateAuthority", "maybe")]
    [InlineData("BotFramework:SigningKeyRefreshMinInterval", "five minutes")]
    public void Validate_UnparsableValue_FailsNamingKey(string key, string value)
    {
        var result = Validate(Bind(new() { ["MicrosoftAppId"] = AppId, [key] = value }, "Production"));

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }

    private static BotIdentityOptions Bind(Dictionary<string, string?> settings, string environment)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = new BotIdentityOptions();
        BotIdentityOptionsBinder.Bind(configuration, environment, options);
        return options;
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(BotIdentityOptions options) =>
        new BotIdentityOptionsValidator().Validate(null, options);
}
