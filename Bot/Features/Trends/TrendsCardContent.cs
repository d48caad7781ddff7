using System.Globalization;
using Humanizer;
using SocialBot.Bot.Ingestion;
using SocialBot.Cards.AdaptiveCards;
using SocialBot.Cards.Trends;

namespace SocialBot.Bot.Features.Trends;

/// <summary>Turns scored terms into the texts the trends card and the digest show.</summary>
internal static class TrendsCardContent
{
    // Longer series are summed into this many points so a 7-day sparkline still fits on a phone.
    private const int MaxSparklinePoints = 24;

    public static TrendsCardModel Model(IReadOnlyList<TrendingTerm> terms, TrendQuery query, string? narrative) => new(
        "last " + query.Window.Describe(),
        TrendHeadline.For(terms, query.Window, query.Filter),
        narrative,
        [.. terms.Take(TrendsCard.MaxItems).Select(Item)]);

    public static TrendItemView Item(TrendingTerm term) => new(
        term.Display,
        TrackQuery(term),
        "mention".ToQuantity(term.Count),
        TrendHeadline.Change(term),
        Sparkline.FromCounts(Points(term.HourlySeries)),
        Tone(term.Tone),
        term.Sample is { } sample
            ? new TrendSampleView(
                string.IsNullOrWhiteSpace(sample.Author) ? "someone" : sample.Author,
                Reach.Describe(sample.Followers),
                Uri.TryCreate(sample.Url, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) ? url : null)
            : null);

    private static string TrackQuery(TrendingTerm term) =>
        term.Kind == TermKind.Phrase ? "\"" + term.Display.Replace("\"", string.Empty, StringComparison.Ordinal) + "\"" : term.Display;

    private static string Tone(ToneMix tone) => tone.Total == 0
        ? "tone not known yet"
        : string.Create(CultureInfo.InvariantCulture, $"{tone.NegativePercent}% negative · {tone.PositivePercent}% positive");

    private static int[] Points(IReadOnlyList<long> hourly)
    {
        var size = (int)Math.Ceiling(hourly.Count / (double)MaxSparklinePoints);
        return size <= 1
            ? [.. hourly.Select(Clamp)]
            : [.. hourly.Chunk(size).Select(chunk => Clamp(chunk.Sum()))];
    }

    private static int Clamp(long count) => (int)Math.Min(count, int.MaxValue);
}
