using System.Globalization;
using Humanizer;

namespace SocialBot.Bot.Features.Drafts;

/// <summary>How a post's publish time reads everywhere (draft list, approval card, author notices): in the zone it was entered in.</summary>
internal static class PublishTime
{
    /// <summary>"Tue 8 Dec 10:00 CET" (UTC when the zone is unknown).</summary>
    public static string Local(DateTimeOffset at, string? timeZoneId)
    {
        var zone = TimeZoneInfo.Utc;
        if (!string.IsNullOrWhiteSpace(timeZoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var found))
        {
            zone = found;
        }

        var local = TimeZoneInfo.ConvertTime(at, zone);
        return string.Create(CultureInfo.InvariantCulture, $"{local:ddd d MMM HH:mm} {Abbreviation(zone, local)}");
    }

    /// <summary>"in 2 days, Tue 8 Dec 10:00 CET", or "3 hours ago, …" for a time that has passed.</summary>
    public static string Describe(DateTimeOffset at, string? timeZoneId, DateTimeOffset now)
    {
        var relative = at > now ? "in " + (at - now).Humanize(precision: 1, minUnit: TimeUnit.Minute, culture: CultureInfo.InvariantCulture) : at.Humanize(now, CultureInfo.InvariantCulture);
        return $"{relative}, {Local(at, timeZoneId)}";
    }

    // "Central European Standard Time" → "CET"; names that are not words (e.g. "GMT+03:00") stay as they are.
    private static string Abbreviation(TimeZoneInfo zone, DateTimeOffset local)
    {
        if (zone == TimeZoneInfo.Utc)
        {
            return "UTC";
        }

        var name = zone.IsDaylightSavingTime(local) ? zone.DaylightName : zone.StandardName;
        if (name.Contains("European", StringComparison.Ordinal))
        {
            name = name.Replace("Standard ", string.Empty, StringComparison.Ordinal);
        }

        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 1 && words.All(w => char.IsLetter(w[0]))
            ? string.Concat(words.Select(w => char.ToUpperInvariant(w[0])))
            : name;
    }
}
