using SocialBot.Bot.Features.Onboarding;
using SocialBot.Bot.Protocol.Hosting;
using SocialBot.Bot.State;
using SocialBot.Bot.Turns.Routing;
using SocialBot.Dialogs.Engine;

namespace SocialBot.Bot.Turns;

internal static class TurnServiceCollectionExtensions
{
    /// <summary>The turn pipeline, routing, dialogs and the always-present onboarding (help, cancel, welcome).</summary>
    public static IServiceCollection AddTurns(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MessagesEndpointOptions>().Bind(configuration.GetSection("Messages"));
        services.AddSingleton<IActivityProcessor, TurnPipeline>();
        services.AddSingleton<TurnRouter>();
        services.AddSingleton<TurnFailureResponder>();
        services.AddSingleton<ITenantAllowList, ConfiguredTenantAllowList>();
        services.AddSingleton<IConversationReferenceStore, ConversationReferenceStore>();
        services.AddSingleton<ITurnDeduplicator, TurnDeduplicator>();

        services.AddDialogEngine(configuration);
        services.AddSingleton<IDialogStateStore, StoreDialogStateStore>();
        services.AddSingleton<DialogBridge>();
        services.AddSingleton<IDialogBridge>(sp => sp.GetRequiredService<DialogBridge>());

        services.AddSingleton<IHelpResponder, HelpResponder>();
        services.AddSingleton<IInstallationHandler, WelcomeOnInstall>();

        // Resolving the router at start makes duplicate commands or verbs stop the host instead of failing a user's turn.
        services.AddHostedService<RoutingStartupCheck>();
        return services;
    }
}

internal sealed class RoutingStartupCheck(TurnRouter router) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = router.Descriptors;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
