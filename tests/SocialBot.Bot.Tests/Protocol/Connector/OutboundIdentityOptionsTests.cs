using Microsoft.Extensions.Options;
using SocialBot.Bot.Protocol.Connector;

namespace SocialBot.Bot.Tests.Protocol.Connector;

public sealed class OutboundIdentityOptionsTests
{
    [Theory]
    [InlineData(null, null, null, null, true)]
    [InlineData("MultiTenant", "app", "secret", null, true)]
    [InlineData("MultiTenant", "app", null, null, false)]
    [InlineData("SingleTenant", "app", "secret", "tid", true)]
    [InlineData("SingleTenant", "app", "secret", null, false)]
    [InlineData("UserAssignedMSI", "msi-client-id", null, "tid", true)]
    [InlineData("whatever", "app", "secret", null, true)]
    public void Problems_Combination_ValidOrNot(string? type, string? appId, string? password, string? tenant, bool valid)
    {
        var options = new OutboundIdentityOptions
        {
            MicrosoftAppType = type,
            MicrosoftAppId = appId,
            MicrosoftAppPassword = password,
            MicrosoftAppTenantId = tenant,
        };

        Assert.Equal(valid, !options.Problems().Any());
    }

    [Fact]
    public void EffectiveAppType_Unparsable_MultiTenantLikeTheSdk()
    {
        Assert.Equal(OutboundIdentityOptions.MultiTenant, new OutboundIdentityOptions { MicrosoftAppType = "nonsense" }.EffectiveAppType);
        Assert.Equal(OutboundIdentityOptions.UserAssignedMsi, new OutboundIdentityOptions { MicrosoftAppType = "userassignedmsi" }.EffectiveAppType);
    }

    [Fact]
    public async Task MsalBotTokenProvider_NoAppId_NoTokenAnonymousMode()
    {
        var provider = new MsalBotTokenProvider(Options.Create(new OutboundIdentityOptions()));

        Assert.Null(await provider.GetTokenAsync(CancellationToken.None));
    }
}
