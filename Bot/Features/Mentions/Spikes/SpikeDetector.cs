namespace SocialBot.Bot.Features.Mentions.Spikes;

/// <summary>The usual hourly volume of a rule and the volume above which an hour is a spike.</summary>
/// <param name="Mean">Mean hourly volume over the baseline.</param>
/// <param name="StandardDeviation">Its standard deviation.</param>
/// <param name="Threshold">An hour is a spike above this (and at or above the minimum volume).</param>
internal sealed record SpikeBaseline(double Mean, double StandardDeviation, double Threshold);

/// <summary>mean + k·σ over the previous 7 days of hourly volumes, with a minimum volume.</summary>
internal static class SpikeDetector
{
    public const int BaselineHours = 7 * 24;

    public static SpikeBaseline Baseline(IReadOnlyList<long> previousHours, double sensitivity, int minimumVolume)
    {
        var count = Math.Max(1, previousHours.Count);
        var mean = previousHours.Sum() / (double)count;
        var variance = previousHours.Sum(v => (v - mean) * (v - mean)) / count;
        var deviation = Math.Sqrt(variance);

        // A perfectly flat history has σ = 0, which would make one extra mention a spike; the minimum volume and
        // "at least double the usual" keep that from firing.
        var threshold = Math.Max(mean + (sensitivity * deviation), Math.Max(minimumVolume - 1, 2 * mean));
        return new SpikeBaseline(mean, deviation, threshold);
    }

    public static bool IsSpike(long volume, SpikeBaseline baseline, int minimumVolume) =>
        volume >= minimumVolume && volume > baseline.Threshold;
}
