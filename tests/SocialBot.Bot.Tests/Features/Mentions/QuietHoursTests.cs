using SocialBot.Bot.Features.Mentions;

namespace SocialBot.Bot.Tests.Features.Mentions;

public sealed class QuietHoursTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Theory]
    [InlineData("2026-04-01T21:59:00+02:00", false)]
    [InlineData("2026-04-01T22:00:00+02:00", true)]
    [InlineData("2026-04-02T03:00:00+02:00", true)]
    [InlineData("2026-04-02T06:59:00+02:00", true)]
    [InlineData("2026-04-02T07:00:00+02:00", false)]
    [InlineData("2026-04-02T12:00:00+02:00", false)]
    public void Contains_WindowAcrossMidnight_InTheZone(string instant, bool expected) =>
        Assert.Equal(expected, new QuietHours(new TimeOnly(22, 0), new TimeOnly(7, 0), Berlin).Contains(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Contains_DaytimeWindow_OnlyBetweenStartAndEnd()
    {
        var lunch = new QuietHours(new TimeOnly(12, 0), new TimeOnly(13, 0), TimeZoneInfo.Utc);

        Assert.True(lunch.Contains(new DateTimeOffset(2026, 4, 1, 12, 30, 0, TimeSpan.Zero)));
        Assert.False(lunch.Contains(new DateTimeOffset(2026, 4, 1, 13, 0, 0, TimeSpan.Zero)));
        Assert.False(lunch.Contains(new DateTimeOffset(2026, 4, 1, 11, 59, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void NextAllowed_BeforeMidnight_IsTheNextMorning()
    {
        var quiet = new QuietHours(new TimeOnly(22, 0), new TimeOnly(7, 0), Berlin);

        Assert.Equal(new DateTimeOffset(2026, 4, 2, 7, 0, 0, TimeSpan.FromHours(2)), quiet.NextAllowed(new DateTimeOffset(2026, 4, 1, 23, 15, 0, TimeSpan.FromHours(2))));
        Assert.Equal(new DateTimeOffset(2026, 4, 2, 7, 0, 0, TimeSpan.FromHours(2)), quiet.NextAllowed(new DateTimeOffset(2026, 4, 2, 1, 15, 0, TimeSpan.FromHours(2))));
    }

    [Fact]
    public void NextAllowed_OutsideTheWindowOrDisabled_IsUnchanged()
    {
        var noon = new DateTimeOffset(2026, 4, 1, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(noon, new QuietHours(new TimeOnly(22, 0), new TimeOnly(7, 0), Berlin).NextAllowed(noon));
        Assert.Equal(noon.AddHours(11), QuietHours.None.NextAllowed(noon.AddHours(11)));
        Assert.False(QuietHours.None.IsEnabled);
    }

    [Fact]
    public void NextAllowed_EndInsideTheSpringForwardGap_IsTheFirstValidMinute()
    {
        // Berlin skips 02:00–03:00 on 29 March 2026.
        var quiet = new QuietHours(new TimeOnly(1, 0), new TimeOnly(2, 30), Berlin);

        var wake = quiet.NextAllowed(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.FromHours(1)));

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), wake.ToUniversalTime());
    }
}
