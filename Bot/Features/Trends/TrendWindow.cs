using Humanizer;

namespace SocialBot.Bot.Features.Trends;

internal enum TrendWindow
{
    SixHours,
    Day,
    Week,
}

internal static class TrendWindows
{
    public static int Hours(this TrendWindow window) => window switch
    {
        TrendWindow.SixHours => 6,
        TrendWindow.Day => 24,
        TrendWindow.Week => 168,
        _ => throw new ArgumentOutOfRangeException(nameof(window), window, null),
    };

    public static TimeSpan Duration(this TrendWindow window) => TimeSpan.FromHours(window.Hours());

    /// <summary>"6 hours", "24 hours", "7 days".</summary>
    public static string Describe(this TrendWindow window) => window == TrendWindow.Week ? "day".ToQuantity(7) : "hour".ToQuantity(window.Hours());

    /// <summary>The command token: "6h", "24h", "7d".</summary>
    public static string Token(this TrendWindow window) => window switch
    {
        TrendWindow.SixHours => "6h",
        TrendWindow.Day => "24h",
        _ => "7d",
    };

    public static bool TryParse(string token, out TrendWindow window)
    {
        switch (token.Trim().ToLowerInvariant())
        {
            case "6h":
                window = TrendWindow.SixHours;
                return true;
            case "24h" or "1d" or "day":
                window = TrendWindow.Day;
                return true;
            case "7d" or "1w" or "week":
                window = TrendWindow.Week;
                return true;
            default:
                window = TrendWindow.Day;
                return false;
        }
    }
}

/// <summary>The arguments of <c>trends [6h|24h|7d] [filter]</c>; the window defaults to 24 hours.</summary>
internal sealed record TrendQuery(TrendWindow Window, string? Filter)
{
    public static TrendQuery Parse(string? arguments)
    {
        var text = arguments?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return new TrendQuery(TrendWindow.Day, null);
        }

        var firstSpace = text.IndexOf(' ', StringComparison.Ordinal);
        var first = firstSpace < 0 ? text : text[..firstSpace];
        if (TrendWindows.TryParse(first, out var window))
        {
            var rest = firstSpace < 0 ? string.Empty : text[(firstSpace + 1)..].Trim();
            return new TrendQuery(window, rest.Length == 0 ? null : rest);
        }

        return new TrendQuery(TrendWindow.Day, text);
    }
}
