using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SocialBot.Bot.Protocol.Auth;

internal static class BotAuthenticationServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="BotIdentityOptions"/> (validated at start) and <see cref="IInboundAuthenticator"/>.
    /// The host refuses to start without <c>MicrosoftAppId</c> unless it runs in Development with
    /// <c>BotFramework:AllowUnauthenticated=true</c>.
    /// </summary>
    public static IServiceCollection AddBotAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);

        services.AddOptions<BotIdentityOptions>()
            .Configure(options => BotIdentityOptionsBinder.Bind(configuration, environment.EnvironmentName, options))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotIdentityOptions>, BotIdentityOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(ChannelSigningKeyCache.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(15));
        services.TryAddSingleton<ChannelSigningKeyCache>();
        services.TryAddSingleton<BotFrameworkTokenValidator>();
        services.TryAddSingleton<IInboundAuthenticator>(sp => sp.GetRequiredService<BotFrameworkTokenValidator>());
        return services;
    }
}
