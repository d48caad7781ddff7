using SocialBot.Bot.Features.Trends;

namespace SocialBot.Bot.Tests.Features.Trends;

/// <summary>Synthetic hourly buckets ending at <see cref="End"/> (exclusive), for scoring without a store.</summary>
internal sealed class TrendSeriesBuilder(DateTimeOffset end, int hours = 192)
{
    private readonly Dictionary<DateTimeOffset, Dictionary<string, long>> _counts = [];
    private readonly Dictionary<DateTimeOffset, Dictionary<string, long>> _tones = [];
    private readonly Dictionary<DateTimeOffset, Dictionary<string, long>> _displays = [];

    public DateTimeOffset End { get; } = end;

    /// <summary>Adds <paramref name="count"/> for every hour from <paramref name="fromHoursAgo"/> down to <paramref name="toHoursAgo"/> (1 = the last hour).</summary>
    public TrendSeriesBuilder Add(string key, long count, int fromHoursAgo, int toHoursAgo = 1)
    {
        for (var ago = fromHoursAgo; ago >= toHoursAgo; ago--)
        {
            Bump(_counts, End.AddHours(-ago), key, count);
        }

        return this;
    }

    public TrendSeriesBuilder Steady(string key, long perHour) => Add(key, perHour, hours);

    /// <summary>A steady term with a deterministic ±40% wobble, like real traffic.</summary>
    public TrendSeriesBuilder Noisy(string key, long perHour, int seed)
    {
        var random = new Random(seed);
        for (var ago = hours; ago >= 1; ago--)
        {
            var wobble = 1 + ((random.NextDouble() - 0.5) * 0.8);
            Bump(_counts, End.AddHours(-ago), key, (long)Math.Round(perHour * wobble));
        }

        return this;
    }

    public TrendSeriesBuilder Tone(string key, string suffix, long count, int hoursAgo)
    {
        Bump(_tones, End.AddHours(-hoursAgo), key + suffix, count);
        return this;
    }

    public TrendSeriesBuilder Display(string key, string written, long count, int hoursAgo)
    {
        Bump(_displays, End.AddHours(-hoursAgo), key + "|" + written, count);
        return this;
    }

    public IReadOnlyList<TrendBucket> Build()
    {
        var buckets = new List<TrendBucket>();
        for (var ago = hours; ago >= 1; ago--)
        {
            var hour = End.AddHours(-ago);
            var counts = _counts.GetValueOrDefault(hour) ?? [];
            // Every synthetic hour has traffic, so every baseline window counts as "data".
            var mentions = Math.Max(1, counts.Values.DefaultIfEmpty().Max());
            buckets.Add(new TrendBucket(hour, mentions, counts, _tones.GetValueOrDefault(hour) ?? [], _displays.GetValueOrDefault(hour) ?? []));
        }

        return buckets;
    }

    private static void Bump(Dictionary<DateTimeOffset, Dictionary<string, long>> target, DateTimeOffset hour, string field, long by)
    {
        if (!target.TryGetValue(hour, out var fields))
        {
            target[hour] = fields = new Dictionary<string, long>(StringComparer.Ordinal);
        }

        fields[field] = fields.GetValueOrDefault(field) + by;
    }
}
