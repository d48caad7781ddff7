namespace SocialBot.Cards.AdaptiveCards;

/// <summary>Tiny text charts for cards (Adaptive Cards have no chart element in 1.5).</summary>
public static class Sparkline
{
    private const string Blocks = "▁▂▃▄▅▆▇█";

    /// <summary>
    /// One block character per count, scaled from zero to the series maximum: zero is <c>▁</c>, the maximum is
    /// <c>█</c>, and any non-zero count is at least <c>▂</c> so activity is never drawn as silence. An all-zero series
    /// is a flat <c>▁▁▁</c>; a flat non-zero series is <c>███</c>. Negative counts are treated as zero.
    /// </summary>
    /// <param name="counts">Counts, oldest first.</param>
    /// <returns>The sparkline; empty for an empty series.</returns>
    public static string FromCounts(IReadOnlyList<int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var max = 0;
        foreach (var count in counts)
        {
            max = Math.Max(max, count);
        }

        var chars = new char[counts.Count];
        for (var i = 0; i < counts.Count; i++)
        {
            chars[i] = Blocks[Level(counts[i], max)];
        }

        return new string(chars);
    }

    private static int Level(int count, int max)
    {
        if (count <= 0 || max <= 0)
        {
            return 0;
        }

        var top = Blocks.Length - 1;
        var scaled = (int)Math.Round((double)count * top / max, MidpointRounding.AwayFromZero);
        return Math.Clamp(scaled, 1, top);
    }
}
