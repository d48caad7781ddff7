using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SocialBot.Dialogs.Engine;
using SocialBot.Dialogs.Engine.Prompts;

namespace SocialBot.Dialogs.Tests.Engine;

public sealed class DialogSetTests
{
    [Fact]
    public void Constructor_DuplicateDialogId_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => new DialogSet([Greeting("test.same"), Greeting("test.same")]));

        Assert.Contains("test.same", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_IdOfBuiltInPrompt_Throws() =>
        Assert.Throws<ArgumentException>(() => new DialogSet([new TextPrompt(BuiltInPrompts.Text)]));

    [Fact]
    public void Constructor_WaterfallWithoutSteps_Throws() =>
        Assert.Throws<InvalidOperationException>(() => new DialogSet(
            [new WaterfallDialog<GreetingState>("test.empty", TestDialogJsonContext.Default.GreetingState, _ => new GreetingState())]));

    [Fact]
    public void Constructor_FeatureDialogs_IncludesBuiltInPrompts()
    {
        var set = new DialogSet([Greeting("test.one")]);

        Assert.True(set.Contains("test.one"));
        Assert.All([BuiltInPrompts.Text, BuiltInPrompts.Choice, BuiltInPrompts.Confirm, BuiltInPrompts.Number], id => Assert.True(set.Contains(id)));
    }

    [Fact]
    public async Task AddDialogEngine_DuplicateDialogIds_HostFailsToStart()
    {
        var services = EngineServices();
        services.AddDialog(_ => Greeting("test.same"));
        services.AddDialog(_ => Greeting("test.same"));
        await using var provider = services.BuildServiceProvider();

        var startup = provider.GetServices<IHostedService>().Single();

        await Assert.ThrowsAsync<ArgumentException>(() => startup.StartAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AddDialogEngine_BindsOptionsAndResolvesRunner()
    {
        var services = EngineServices(new Dictionary<string, string?> { ["Dialogs:StateTimeToLive"] = "02:00:00", ["Dialogs:MaxReprompts"] = "5" });
        services.AddDialog(_ => Greeting("test.one"));
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<DialogOptions>>().Value;

        Assert.Equal(TimeSpan.FromHours(2), options.StateTimeToLive);
        Assert.Equal(5, options.MaxReprompts);
        Assert.NotNull(provider.GetRequiredService<DialogRunner>());
        Assert.True(provider.GetRequiredService<DialogSet>().Contains("test.one"));
    }

    [Fact]
    public async Task AddDialogEngine_NonPositiveTimeToLive_FailsValidation()
    {
        var services = EngineServices(new Dictionary<string, string?> { ["Dialogs:StateTimeToLive"] = "00:00:00" });
        await using var provider = services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DialogOptions>>().Value);
    }

    private static ServiceCollection EngineServices(Dictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IDialogStateStore>(new InMemoryDialogStateStore());
        services.AddDialogEngine(configuration);
        return services;
    }

    private static WaterfallDialog<GreetingState> Greeting(string id) =>
        new WaterfallDialog<GreetingState>(id, TestDialogJsonContext.Default.GreetingState, _ => new GreetingState())
            .Step(ctx => ctx.End());
}
