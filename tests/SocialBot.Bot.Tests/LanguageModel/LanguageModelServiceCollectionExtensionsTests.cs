using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SocialBot.Bot.LanguageModel;

namespace SocialBot.Bot.Tests.LanguageModel;

public sealed class LanguageModelServiceCollectionExtensionsTests
{
    [Fact]
    public void AddLanguageModel_NotConfigured_RegistersNoChatClient()
    {
        using var services = Build([]);

        Assert.Null(services.GetService<IChatClient>());
    }

    [Fact]
    public void AddLanguageModel_EndpointAndModel_RegistersChatClient()
    {
        using var services = Build(new() { ["AI:Endpoint"] = "https://models.example.com/v1/", ["AI:Model"] = "gpt-test", ["AI:ApiKey"] = "k" });

        Assert.NotNull(services.GetService<IChatClient>());
    }

    [Theory]
    [InlineData("https://models.example.com/v1/", null)]
    [InlineData(null, "gpt-test")]
    [InlineData("models.example.com", "gpt-test")]
    [InlineData("ftp://models.example.com/", "gpt-test")]
    public void AddLanguageModel_HalfOrBadConfiguration_FailsValidationWithTheKeyName(string? endpoint, string? model)
    {
        using var services = Build(new() { ["AI:Endpoint"] = endpoint, ["AI:Model"] = model });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LanguageModelOptions>>().Value);
        Assert.Contains("AI:", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLanguageModel(configuration).BuildServiceProvider();
    }
}
