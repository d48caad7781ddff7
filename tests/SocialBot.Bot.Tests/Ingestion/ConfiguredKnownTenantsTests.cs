using Microsoft.Extensions.Configuration;
using SocialBot.Bot.Ingestion;

namespace SocialBot.Bot.Tests.Ingestion;

public sealed class ConfiguredKnownTenantsTests
{
    [Fact]
    public void Tenants_CommaSeparatedValue_AreSplitAndTrimmed()
    {
        Assert.Equal(["t1", "t2"], Read(("BotFramework:AllowedTenants", " t1, t2 ,")));
    }

    [Fact]
    public void Tenants_IndexedForm_AreRead()
    {
        Assert.Equal(["t1", "t2"], Read(("BotFramework:AllowedTenants:0", "t1"), ("BotFramework:AllowedTenants:1", "t2")));
    }

    [Fact]
    public void Tenants_RepeatedInOtherCase_AreListedOnce()
    {
        Assert.Equal(["T1"], Read(("BotFramework:AllowedTenants", "T1,t1")));
    }

    [Fact]
    public void Tenants_NotConfigured_AreEmpty()
    {
        Assert.Empty(Read());
    }

    private static IReadOnlyList<string> Read(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(setting => new KeyValuePair<string, string?>(setting.Key, setting.Value)))
            .Build();
        return new ConfiguredKnownTenants(configuration).Tenants;
    }
}
