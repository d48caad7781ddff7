namespace SocialBot.Bot.Features.Trends;

/// <summary>
/// When a term trends. With λ the baseline count and x the count in the window:
/// x ≥ <see cref="MinimumCount"/>, and either no baseline history mentions the term at all ("new"), or
/// z = (x − λ) / √max(λ, 1) ≥ <see cref="MinimumZ"/> and x ≥ <see cref="MinimumRatio"/> × λ.
/// The ratio is the cap on common terms: a term steady at a high volume reaches z ≥ 3 on ordinary noise, but never doubles.
/// </summary>
internal sealed record TrendScoringOptions
{
    public int MinimumCount { get; init; } = 5;

    public double MinimumZ { get; init; } = 3;

    public double MinimumRatio { get; init; } = 2;

    /// <summary>A word of a trending phrase is dropped unless it is at least this many times the phrase's count.</summary>
    public double PhraseWordDominance { get; init; } = 2;

    public int Top { get; init; } = 8;

    public static TrendScoringOptions Default { get; } = new();
}
