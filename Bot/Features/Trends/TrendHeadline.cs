using System.Globalization;
using Humanizer;

namespace SocialBot.Bot.Features.Trends;

/// <summary>The one sentence every trends card and digest section gets, built from the numbers only.</summary>
internal static class TrendHeadline
{
    public const string NothingTrending = "Nothing is trending yet.";

    /// <summary>Shown instead of <see cref="NothingTrending"/> when the user filtered.</summary>
    public static string NothingMatches(string filter, TrendWindow window) =>
        Format($"Nothing matching “{filter.Trim()}” is trending in the last {window.Describe()}.");

    public static string For(IReadOnlyList<TrendingTerm> terms, TrendWindow window, string? filter = null)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Count == 0)
        {
            return string.IsNullOrWhiteSpace(filter) ? NothingTrending : NothingMatches(filter, window);
        }

        var top = terms[0];
        var name = Name(top);
        var sentence = top.IsNew || top.Ratio is not { } ratio
            ? Format($"New: {name} — {"mention".ToQuantity(top.Count)} in {window.Describe()}")
            : Format($"{name} is {Rise(ratio, top.ChangePercent)} its usual volume");
        return sentence + ToneClause(top.Tone) + ".";
    }

    /// <summary>"+340%" for the card's change column; "new" when there is no baseline.</summary>
    public static string Change(TrendingTerm term) =>
        term.ChangePercent is { } percent ? Format($"{(percent >= 0 ? "+" : "−")}{Math.Abs(percent)}%") : "new";

    // Words and phrases are quoted so "New: launch" does not read as an instruction; tags, handles and domains speak for themselves.
    private static string Name(TrendingTerm term) => term.Kind is TermKind.Keyword or TermKind.Phrase ? $"“{term.Display}”" : term.Display;

    private static string Rise(double ratio, int? changePercent) => ratio >= 3
        ? Format($"{Math.Round(ratio, MidpointRounding.AwayFromZero)}×")
        : Format($"+{changePercent}% on");

    private static string ToneClause(ToneMix tone)
    {
        if (tone.Negative > 0 && tone.Negative >= tone.Positive)
        {
            return Format($"; {tone.NegativePercent}% negative");
        }

        return tone.Positive > 0 ? Format($"; {tone.PositivePercent}% positive") : string.Empty;
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
