namespace SocialBot.Bot.Features.Trends;

internal sealed record ToneMix(long Negative, long Neutral, long Positive)
{
    public long Total => Negative + Neutral + Positive;

    /// <summary>Whole percent of negative mentions, 0 when there are none.</summary>
    public int NegativePercent => Percent(Negative);

    public int PositivePercent => Percent(Positive);

    private int Percent(long part) => Total == 0 ? 0 : (int)Math.Round(100.0 * part / Total, MidpointRounding.AwayFromZero);
}

/// <summary>
/// A rising term in a window. <paramref name="Baseline"/> is the count the previous windows predict (λ);
/// <paramref name="ChangePercent"/> is null for a new term (no baseline); <paramref name="HourlySeries"/> has one
/// count per UTC hour of the window, oldest first, for the sparkline.
/// </summary>
internal sealed record TrendingTerm(
    TermKind Kind,
    string Key,
    string Display,
    long Count,
    double Baseline,
    int? ChangePercent,
    bool IsNew,
    double Score,
    IReadOnlyList<long> HourlySeries,
    ToneMix Tone,
    TrendSample? Sample = null)
{
    /// <summary>Count over baseline ("4×"); null for a new term.</summary>
    public double? Ratio => IsNew || Baseline <= 0 ? null : Count / Baseline;
}
