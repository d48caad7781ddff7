using SocialBot.Bot.Features.Digest;

namespace SocialBot.Bot.Tests.Features.Digest;

public sealed class DigestScheduleTests
{
    [Theory]
    [InlineData("09:00 Europe/Berlin", 9, 0, "Europe/Berlin", false)]
    [InlineData("9:00", 9, 0, "UTC", false)]
    [InlineData("17:45 W. Europe Standard Time weekdays", 17, 45, "Europe/Berlin", true)]
    [InlineData("07:30 America/New_York daily", 7, 30, "America/New_York", false)]
    [InlineData("00:00 weekdays", 0, 0, "UTC", true)]
    public void TryParse_ValidInput_ReadsTimeZoneAndDays(string text, int hour, int minute, string zone, bool weekdays)
    {
        Assert.True(DigestSchedule.TryParse(text, "UTC", out var schedule));
        Assert.Equal(new DigestSchedule(hour, minute, zone, weekdays), schedule);
    }

    [Theory]
    [InlineData("25:00")]
    [InlineData("09:60")]
    [InlineData("9")]
    [InlineData("09:00 Mars/Olympus")]
    [InlineData("{\"x\":1}")]
    [InlineData("")]
    [InlineData("nine o'clock")]
    public void TryParse_Junk_Fails(string text) => Assert.False(DigestSchedule.TryParse(text, "UTC", out _));

    [Fact]
    public void Next_BeforeTimeToday_IsTodayInTheZone()
    {
        var schedule = new DigestSchedule(9, 0, "Europe/Berlin", false);

        var next = schedule.Next(new DateTimeOffset(2026, 12, 8, 6, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 12, 8, 8, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void Next_WeekdaysOnFriday_SkipsToMonday()
    {
        var schedule = new DigestSchedule(9, 0, "UTC", true);

        var next = schedule.Next(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void Next_SpringForwardSkippedTime_FiresOnceAtTheNextValidInstant()
    {
        // Berlin 2026-03-29: 02:00 CET jumps to 03:00 CEST, so 02:30 does not exist that day.
        var schedule = new DigestSchedule(2, 30, "Europe/Berlin", false);
        var first = schedule.Next(new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero));
        var second = schedule.Next(first);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), first);
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 0, 30, 0, TimeSpan.Zero), second);
    }

    [Fact]
    public void Next_FallBackRepeatedTime_FiresOnce()
    {
        // Berlin 2026-10-25: 03:00 CEST falls back to 02:00 CET, so 02:30 happens twice.
        var schedule = new DigestSchedule(2, 30, "Europe/Berlin", false);
        var first = schedule.Next(new DateTimeOffset(2026, 10, 24, 22, 0, 0, TimeSpan.Zero));
        var second = schedule.Next(first);

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), first);
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 1, 30, 0, TimeSpan.Zero), second);
    }
}
