namespace SocialBot.Bot.Features.Mentions;

/// <summary><c>Mentions:*</c> delivery settings.</summary>
internal sealed class MentionsOptions
{
    public const string Section = "Mentions";

    /// <summary>Normal mentions are collected and sent as one card this often.</summary>
    public TimeSpan BatchInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Alerts per conversation per hour; beyond it, mentions go into the next batch ("N more").</summary>
    public int MaxAlertsPerHour { get; set; } = 20;

    /// <summary>How often the batch worker looks for due batches.</summary>
    public TimeSpan BatchPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>k in "mean + k·σ" of a rule's hourly volume over the previous 7 days.</summary>
    public double SpikeSensitivity { get; set; } = 3;

    /// <summary>An hour with fewer matches than this is never a spike.</summary>
    public int SpikeMinimumVolume { get; set; } = 10;

    /// <summary>After a spike card, the same rule stays quiet this long.</summary>
    public TimeSpan SpikeCooldown { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Local time from which batches of Normal mentions wait until <see cref="QuietHoursEnd"/> (e.g. 22:00); unset = no quiet hours.</summary>
    public TimeOnly? QuietHoursStart { get; set; }

    /// <summary>Local time at which held batches go out (e.g. 07:00).</summary>
    public TimeOnly? QuietHoursEnd { get; set; }

    /// <summary>IANA (or Windows) zone of the quiet hours; empty = <c>Digest:DefaultTimeZone</c>, else UTC.</summary>
    public string? QuietHoursTimeZone { get; set; }

    public QuietHours QuietHours(string? teamTimeZone)
    {
        if (QuietHoursStart is not { } start || QuietHoursEnd is not { } end)
        {
            return Mentions.QuietHours.None;
        }

        var zoneId = string.IsNullOrWhiteSpace(QuietHoursTimeZone) ? teamTimeZone : QuietHoursTimeZone;
        var zone = !string.IsNullOrWhiteSpace(zoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var found) ? found : TimeZoneInfo.Utc;
        return new QuietHours(start, end, zone);
    }
}
