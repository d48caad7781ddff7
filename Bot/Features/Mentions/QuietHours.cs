namespace SocialBot.Bot.Features.Mentions;

/// <summary>
/// A nightly window, in one time zone, during which batches of Normal mentions wait; High alerts are never held.
/// The window may cross midnight (22:00–07:00). Equal start and end means no quiet hours.
/// </summary>
internal sealed class QuietHours(TimeOnly start, TimeOnly end, TimeZoneInfo zone)
{
    public static QuietHours None { get; } = new(TimeOnly.MinValue, TimeOnly.MinValue, TimeZoneInfo.Utc);

    public bool IsEnabled => start != end;

    public bool Contains(DateTimeOffset instant)
    {
        if (!IsEnabled)
        {
            return false;
        }

        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
        return start < end ? local >= start && local < end : local >= start || local < end;
    }

    /// <summary>The instant itself outside quiet hours, otherwise the end of the window it falls in.</summary>
    public DateTimeOffset NextAllowed(DateTimeOffset instant)
    {
        if (!Contains(instant))
        {
            return instant;
        }

        var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        var endDate = TimeOnly.FromDateTime(local) < end ? local.Date : local.Date.AddDays(1);
        var wakeUp = endDate + end.ToTimeSpan();

        // A wake-up time inside a spring-forward gap does not exist; the first valid minute after it does.
        while (zone.IsInvalidTime(wakeUp))
        {
            wakeUp = wakeUp.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(wakeUp) ? zone.GetAmbiguousTimeOffsets(wakeUp).Max() : zone.GetUtcOffset(wakeUp);
        return new DateTimeOffset(wakeUp, offset);
    }
}
