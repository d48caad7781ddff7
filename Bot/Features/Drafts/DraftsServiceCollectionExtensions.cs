using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SocialBot.Bot.Features.Drafts;

internal static class DraftsServiceCollectionExtensions
{
    /// <summary>The Drafts slice. Needs <c>AddStateStore</c>.</summary>
    public static IServiceCollection AddDrafts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IDraftStore, DraftStore>();
        return services;
    }
}
