using System.Globalization;
using System.Text.RegularExpressions;
using Cronos;
using TimeZoneConverter;

namespace SocialBot.Bot.Features.Digest;

/// <summary>When a digest is sent: a local time of day in a zone, every day or on weekdays.</summary>
internal sealed partial record DigestSchedule(int Hour, int Minute, string TimeZoneId, bool WeekdaysOnly)
{
    public TimeZoneInfo TimeZone => TZConvert.GetTimeZoneInfo(TimeZoneId);

    public string LocalTime => string.Create(CultureInfo.InvariantCulture, $"{Hour:00}:{Minute:00}");

    public string Describe() => $"{(WeekdaysOnly ? "weekdays" : "every day")} at {LocalTime} {TimeZoneId}";

    /// <summary>
    /// The first send time strictly after <paramref name="after"/>. Cronos handles DST: a time skipped by spring-forward
    /// fires once at the next valid instant, a time repeated by fall-back fires once.
    /// </summary>
    public DateTimeOffset Next(DateTimeOffset after)
    {
        var cron = CronExpression.Parse(string.Create(CultureInfo.InvariantCulture, $"{Minute} {Hour} * * {(WeekdaysOnly ? "1-5" : "*")}"));
        return cron.GetNextOccurrence(after, TimeZone) ?? after.AddDays(1);
    }

    /// <summary>Parses <c>HH:mm [zone] [daily|weekdays]</c> (the words after <c>digest here at</c>).</summary>
    public static bool TryParse(string text, string defaultZone, out DigestSchedule schedule)
    {
        schedule = null!;
        var tokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (tokens.Count == 0)
        {
            return false;
        }

        var time = TimeOfDay().Match(tokens[0]);
        if (!time.Success)
        {
            return false;
        }

        var hour = int.Parse(time.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(time.Groups["m"].Value, CultureInfo.InvariantCulture);
        if (hour > 23 || minute > 59)
        {
            return false;
        }

        tokens.RemoveAt(0);
        var weekdays = false;
        if (tokens.Count > 0 && tokens[^1].ToUpperInvariant() is "DAILY" or "WEEKDAYS")
        {
            weekdays = tokens[^1].Equals("weekdays", StringComparison.OrdinalIgnoreCase);
            tokens.RemoveAt(tokens.Count - 1);
        }

        var zoneText = tokens.Count == 0 ? defaultZone : string.Join(' ', tokens);
        if (!TryResolveZone(zoneText, out var zoneId))
        {
            return false;
        }

        schedule = new DigestSchedule(hour, minute, zoneId, weekdays);
        return true;
    }

    /// <summary>An IANA or Windows zone name → its IANA id.</summary>
    public static bool TryResolveZone(string text, out string ianaId)
    {
        ianaId = string.Empty;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64)
        {
            return false;
        }

        if (text.Equals("UTC", StringComparison.OrdinalIgnoreCase))
        {
            ianaId = "UTC";
            return true;
        }

        if (TZConvert.TryGetTimeZoneInfo(text, out var zone))
        {
            ianaId = TZConvert.TryWindowsToIana(text, out var iana) ? iana : zone.Id;
            if (!TZConvert.KnownIanaTimeZoneNames.Contains(ianaId, StringComparer.Ordinal) && TZConvert.TryWindowsToIana(zone.Id, out var fromWindows))
            {
                ianaId = fromWindows;
            }

            return true;
        }

        return false;
    }

    [GeneratedRegex(@"^(?<h>\d{1,2}):(?<m>\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex TimeOfDay();
}
