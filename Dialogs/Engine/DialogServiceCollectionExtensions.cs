using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SocialBot.Dialogs.Engine;

/// <summary>Registers the dialog engine.</summary>
public static class DialogServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="DialogRunner"/>, a <see cref="DialogSet"/> of every registered <see cref="Dialog"/>
    /// (built at start-up, so a duplicate id stops the host) and <see cref="DialogOptions"/> bound from the
    /// <c>Dialogs</c> section and validated at start. The host must also register an <see cref="IDialogStateStore"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration root.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddDialogEngine(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<DialogOptions>()
            .Bind(configuration.GetSection(DialogOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.StateTimeToLive > TimeSpan.Zero, "Dialogs:StateTimeToLive must be positive.")
            .ValidateOnStart();
        services.AddSingleton(sp => new DialogSet(sp.GetServices<Dialog>()));
        services.AddSingleton<DialogRunner>();
        services.AddHostedService<DialogSetStartupCheck>();
        return services;
    }

    /// <summary>Registers a dialog (a singleton) for the <see cref="DialogSet"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="createDialog">Creates the dialog, with the ports it reads through.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddDialog(this IServiceCollection services, Func<IServiceProvider, Dialog> createDialog)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(createDialog);
        services.AddSingleton(createDialog);
        return services;
    }
}

/// <summary>Builds the <see cref="DialogSet"/> when the host starts, so a duplicate dialog id fails start-up, not the first turn.</summary>
internal sealed class DialogSetStartupCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<DialogSet>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
