using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SocialBot.Bot.Features.Digest;
using SocialBot.Bot.Turns.Routing;

namespace SocialBot.Bot.Features.Trends;

internal static class TrendsServiceCollectionExtensions
{
    /// <summary>
    /// Trend counting and scoring, the <c>trends</c> command and the digest's trends section. Needs <c>AddStateStore</c> and a <see cref="TimeProvider"/>.
    /// When a language model is registered (<c>AddLanguageModel</c>), <see cref="ChatTrendNarrator"/> narrates, otherwise nothing does;
    /// callers use <see cref="TimedTrendNarrator"/>, which bounds it.
    /// </summary>
    public static IServiceCollection AddTrends(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TrendCounter>();
        services.TryAddSingleton<TrendScorer>();
        services.TryAddSingleton<ITrendNarrator>(sp => sp.GetService<IChatClient>() is { } chat ? new ChatTrendNarrator(chat) : new NoTrendNarrator());
        services.TryAddSingleton<TimedTrendNarrator>();
        services.TryAddSingleton<CachedTrendFinder>();
        services.AddSingleton<ICommand, TrendsCommand>();
        services.AddSingleton<IDigestTrendsSource, TrendsDigestSource>();
        return services;
    }
}
