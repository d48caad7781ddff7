using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Moq;
using SocialBot.Bot.Ingestion;
using SocialBot.Bot.State;

namespace SocialBot.Bot.Tests.Ingestion;

public sealed class MentionIngestionServiceCollectionExtensionsTests
{
    [Theory]
    [InlineData("Ingestion:Secret", "short", "Ingestion:Secret")]
    [InlineData("Ingestion:MaxBacklog", "0", "Ingestion:MaxBacklog")]
    [InlineData("Ingestion:MaxBodyBytes", "10", "Ingestion:MaxBodyBytes")]
    [InlineData("Ingestion:MaxItems", "0", "Ingestion:MaxItems")]
    [InlineData("Ingestion:ClockSkew", "00:00:00", "Ingestion:ClockSkew")]
    [InlineData("Ingestion:WorkerBatchSize", "0", "Ingestion:WorkerBatchSize")]
    [InlineData("Ingestion:ReclaimIdleTime", "00:00:00", "Ingestion:ReclaimIdleTime")]
    [InlineData("Mentions:RetentionDays", "0", "Mentions:RetentionDays")]
    public void AddMentionIngestion_InvalidSetting_FailsNamingTheKey(string key, string value, string expected)
    {
        using var services = Build((key, value));

        var failure = Assert.Throws<OptionsValidationException>(() =>
        {
            _ = services.GetRequiredService<IOptions<IngestionOptions>>().Value;
            _ = services.GetRequiredService<IOptions<MentionRetentionOptions>>().Value;
        });

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddMentionIngestion_Defaults_MatchTheProductContract()
    {
        using var services = Build();

        var options = services.GetRequiredService<IOptions<IngestionOptions>>().Value;
        Assert.Null(options.Secret);
        Assert.Equal(1024 * 1024, options.MaxBodyBytes);
        Assert.Equal(500, options.MaxItems);
        Assert.Equal(TimeSpan.FromSeconds(300), options.ClockSkew);
        Assert.Equal(50_000, options.MaxBacklog);
        Assert.Equal(TimeSpan.FromDays(30), services.GetRequiredService<IOptions<MentionRetentionOptions>>().Value.Retention);
        Assert.IsType<StoringMentionProcessor>(services.GetRequiredService<IMentionProcessor>());
    }

    [Fact]
    public void AddMentionIngestion_ProcessorRegisteredLater_Wins()
    {
        var configuration = new ConfigurationBuilder().Build();
        var processor = Mock.Of<IMentionProcessor>();
        using var services = new ServiceCollection()
            .AddSingleton<IStateStore>(new InMemoryStateStore(TimeProvider.System))
            .AddMentionIngestion(configuration)
            .AddSingleton(processor)
            .BuildServiceProvider();

        Assert.Same(processor, services.GetRequiredService<IMentionProcessor>());
    }

    private static ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(setting => new KeyValuePair<string, string?>(setting.Key, setting.Value)))
            .Build();
        return new ServiceCollection()
            .AddSingleton<IStateStore>(new InMemoryStateStore(TimeProvider.System))
            .AddLogging()
            .AddMentionIngestion(configuration)
            .BuildServiceProvider();
    }
}
