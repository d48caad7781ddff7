using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SocialBot.Bot.Features.Approvals;

/// <summary>Reminder times as people type them on the settings card: "4h", "90 minutes", "1d 2h", "1.5h", "45m"; a bare number is hours.</summary>
internal static partial class SlaText
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var trimmed = text?.Trim().ToLowerInvariant() ?? string.Empty;
        if (trimmed.Length is 0 or > 40)
        {
            return false;
        }

        var matches = Part().Matches(trimmed);
        var position = 0;
        foreach (Match match in matches)
        {
            if (match.Index != position)
            {
                return false;
            }

            position += match.Length;
        }

        if (matches.Count == 0 || position != trimmed.Length)
        {
            return false;
        }

        var total = TimeSpan.Zero;
        foreach (Match match in matches)
        {
            if (!double.TryParse(match.Groups["n"].Value.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            if (number > 100_000)
            {
                return false;
            }

            var unit = match.Groups["u"].Value;
            var part = unit switch
            {
                "" or "h" or "hr" or "hrs" or "hour" or "hours" => TimeSpan.FromHours(number),
                "m" or "min" or "mins" or "minute" or "minutes" => TimeSpan.FromMinutes(number),
                "d" or "day" or "days" => TimeSpan.FromDays(number),
                _ => (TimeSpan?)null,
            };
            if (part is null || (unit.Length == 0 && matches.Count > 1))
            {
                return false;
            }

            total += part.Value;
            if (total > TimeSpan.FromDays(3650))
            {
                return false;
            }
        }

        value = TimeSpan.FromMinutes(Math.Round(total.TotalMinutes));
        return value > TimeSpan.Zero;
    }

    /// <summary>"1d 2h 30m", "4h", "30m": what the card shows and what <see cref="TryParse"/> reads back.</summary>
    public static string Format(TimeSpan value)
    {
        var minutes = (long)Math.Round(value.TotalMinutes);
        var days = minutes / (24 * 60);
        var hours = minutes / 60 % 24;
        var rest = minutes % 60;
        var text = new StringBuilder();
        if (days > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{days}d ");
        }

        if (hours > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{hours}h ");
        }

        if (rest > 0 || text.Length == 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{rest}m");
        }

        return text.ToString().Trim();
    }

    [GeneratedRegex(@"\s*(?<n>\d+(?:[.,]\d+)?)\s*(?<u>[a-z]*)\s*", RegexOptions.CultureInvariant)]
    private static partial Regex Part();
}
