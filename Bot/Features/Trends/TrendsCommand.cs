using System.Text.RegularExpressions;
using SocialBot.Bot.State;
using SocialBot.Bot.Turns;
using SocialBot.Bot.Turns.Routing;
using SocialBot.Cards.Trends;

namespace SocialBot.Bot.Features.Trends;

/// <summary><c>trends [6h|24h|7d] [filter]</c>: the rising terms of this tenant's mentions.</summary>
internal sealed partial class TrendsCommand(CachedTrendFinder finder, TimedTrendNarrator narrator) : ICommand
{
    public const string Usage = "I can show trends for the last **6h**, **24h** or **7d**, for example `trends 24h #launchday`.";

    public CommandDescriptor Descriptor { get; } = new("trends", "trends [6h|24h|7d] [filter]", "What is rising in the mentions, and why.");

    public async Task ExecuteAsync(TurnContext turn, CommandMatch match, CancellationToken ct)
    {
        if (IsUnofferedWindow(match.Arguments))
        {
            await turn.SendTextAsync(Usage, ct).ConfigureAwait(false);
            return;
        }

        var query = TrendQuery.Parse(match.Arguments);
        var terms = await finder.FindAsync(StoreKey.TenantOrDefault(turn.TenantId), query, ct).ConfigureAwait(false);
        var narrative = await narrator.NarrateAsync(terms, query.Window, ct).ConfigureAwait(false);
        await turn.SendCardAsync(TrendsCard.Build(TrendsCardContent.Model(terms, query, narrative)), ct).ConfigureAwait(false);
    }

    /// <summary>"5y", "12h", "30 days": a window we do not offer, rather than a filter word.</summary>
    public static bool IsUnofferedWindow(string arguments) =>
        AnyWindowToken().IsMatch(arguments) && !TrendWindows.TryParse(arguments.Trim().Split(' ')[0], out _);

    [GeneratedRegex(@"^\s*\d+\s*(h|d|w|m|y|hours?|days?|weeks?|months?|years?)(\s|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnyWindowToken();
}
