using System.Globalization;
using SocialBot.Bot.State;

namespace SocialBot.Bot.Features.Mentions.Spikes;

/// <summary>
/// Matches per rule and UTC hour: one hash per rule and day (<c>{t}:mentions:volume:&lt;rule&gt;:yyyyMMdd</c>, field = hour),
/// kept 9 days, so the 7-day baseline is 8 reads and the counting one atomic increment.
/// </summary>
internal sealed class RuleVolume(IStateStore store)
{
    private static readonly TimeSpan Kept = TimeSpan.FromDays(9);

    /// <returns>The rule's volume in the hour of <paramref name="at"/>, this mention included.</returns>
    public Task<long> CountAsync(string tenantId, string ruleId, DateTimeOffset at, CancellationToken ct) =>
        store.IncrementFieldAsync(DayKey(tenantId, ruleId, at), at.UtcDateTime.Hour.ToString("00", CultureInfo.InvariantCulture), 1, Kept, ct);

    /// <summary>Hourly volumes of the <paramref name="hours"/> hours before the hour of <paramref name="hour"/>, oldest first.</summary>
    public async Task<IReadOnlyList<long>> HoursBeforeAsync(string tenantId, string ruleId, DateTimeOffset hour, int hours, CancellationToken ct)
    {
        var start = Hour(hour).AddHours(-hours);
        var days = new Dictionary<string, IReadOnlyDictionary<string, long>>(StringComparer.Ordinal);
        var series = new long[hours];
        for (var i = 0; i < hours; i++)
        {
            var at = start.AddHours(i);
            var day = at.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            if (!days.TryGetValue(day, out var counters))
            {
                counters = await store.GetFieldCountersAsync(DayKey(tenantId, ruleId, at), ct).ConfigureAwait(false);
                days[day] = counters;
            }

            series[i] = counters.GetValueOrDefault(at.UtcDateTime.Hour.ToString("00", CultureInfo.InvariantCulture));
        }

        return series;
    }

    public static DateTimeOffset Hour(DateTimeOffset at) => new(at.UtcDateTime.Year, at.UtcDateTime.Month, at.UtcDateTime.Day, at.UtcDateTime.Hour, 0, 0, TimeSpan.Zero);

    private static StoreKey DayKey(string tenantId, string ruleId, DateTimeOffset at) =>
        StoreKey.For(StoreKey.TenantOrDefault(tenantId), "mentions", "volume", ruleId, at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
}
