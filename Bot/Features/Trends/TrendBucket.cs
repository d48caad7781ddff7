namespace SocialBot.Bot.Features.Trends;

/// <summary>
/// One UTC hour of counts. <see cref="Tones"/> holds <c>key|neg</c> and <c>key|pos</c> counters (neutral is the rest);
/// <see cref="Displays"/> holds <c>key|written form</c> counters for forms that differ from the key.
/// </summary>
internal sealed record TrendBucket(
    DateTimeOffset Hour,
    long Mentions,
    IReadOnlyDictionary<string, long> Counts,
    IReadOnlyDictionary<string, long> Tones,
    IReadOnlyDictionary<string, long> Displays)
{
    public static TrendBucket Empty(DateTimeOffset hour) => new(hour, 0, NoCounters, NoCounters, NoCounters);

    internal static readonly IReadOnlyDictionary<string, long> NoCounters = new Dictionary<string, long>(StringComparer.Ordinal);

    public long Count(string key) => Counts.GetValueOrDefault(key);

    public long Negative(string key) => Tones.GetValueOrDefault(key + TrendCounter.NegativeSuffix);

    public long Positive(string key) => Tones.GetValueOrDefault(key + TrendCounter.PositiveSuffix);
}

/// <summary>The most-reached mention of a term in one hour.</summary>
internal sealed record TrendSample(long Followers, string MentionId, string? Url, string? Author);
