using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SocialBot.Bot.Proactive;

namespace SocialBot.Bot.Protocol.Connector;

internal static class ConnectorServiceCollectionExtensions
{
    /// <summary>
    /// The outbound side of the protocol: the connector client (typed HttpClient with retries), the bot's MSAL token,
    /// the service URL allow-list and the rate-limited proactive sender.
    /// </summary>
    public static IServiceCollection AddConnector(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<OutboundIdentityOptions>()
            .Bind(configuration)
            .Validate(o => !o.Problems().Any(), "The bot identity settings are incomplete (MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId, ToChannelFromBot*).")
            .ValidateOnStart();
        services.AddOptions<ProactiveOptions>()
            .Bind(configuration.GetSection(ProactiveOptions.SectionName))
            .Validate(o => !o.Problems().Any(), "The Proactive:* limits are invalid.")
            .ValidateOnStart();

        // Loopback service URLs (the Agents Playground) are trusted only in Development.
        services.AddSingleton(sp => new ServiceUrlAllowList(environment.IsDevelopment(), sp.GetRequiredService<ILogger<ServiceUrlAllowList>>()));
        services.AddSingleton<IServiceUrlLearner>(sp => sp.GetRequiredService<ServiceUrlAllowList>());
        services.AddSingleton<IBotTokenProvider, MsalBotTokenProvider>();
        services.TryAddSingleton(new ConnectorRetryOptions());
        services.AddSingleton<ConnectorRetryPolicy>();
        services.AddHttpClient<IConnectorClient, ConnectorClient>(http => http.Timeout = TimeSpan.FromSeconds(30));

        services.AddSingleton<ConversationRateLimiter>();
        services.AddSingleton<IConnectorThrottleObserver>(sp => sp.GetRequiredService<ConversationRateLimiter>());
        // Transient like the typed connector client it uses, so handler rotation by IHttpClientFactory keeps working.
        services.AddTransient<IProactiveSender, ProactiveSender>();
        return services;
    }
}
