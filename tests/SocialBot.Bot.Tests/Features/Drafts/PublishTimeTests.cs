using SocialBot.Bot.Features.Drafts;

namespace SocialBot.Bot.Tests.Features.Drafts;

public sealed class PublishTimeTests
{
    private static readonly DateTimeOffset Tuesday9Utc = new(2026, 12, 8, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Local_BerlinInWinterThisWeek_WeekdayAndCet() =>
        Assert.Equal("Tue 10:00 CET", PublishTime.Local(Tuesday9Utc, "Europe/Berlin", Tuesday9Utc.AddDays(-2)));

    [Fact]
    public void Local_BerlinInSummer_Cest() =>
        Assert.Equal("Mon 11:00 CEST", PublishTime.Local(new DateTimeOffset(2026, 7, 6, 9, 0, 0, TimeSpan.Zero), "Europe/Berlin", new DateTimeOffset(2026, 7, 5, 9, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void Local_MoreThanAWeekAway_DateToo() =>
        Assert.Equal("Tue 29 Dec 10:00 CET", PublishTime.Local(Tuesday9Utc.AddDays(21), "Europe/Berlin", Tuesday9Utc));

    [Theory]
    [InlineData("Not/AZone")]
    [InlineData("")]
    [InlineData(null)]
    public void Local_UnknownZone_Utc(string? zone) =>
        Assert.Equal("Tue 09:00 UTC", PublishTime.Local(Tuesday9Utc, zone, Tuesday9Utc));

    [Fact]
    public void Describe_Future_InAndLocalTime() =>
        Assert.Equal("in 2 days, Tue 10:00 CET", PublishTime.Describe(Tuesday9Utc, "Europe/Berlin", Tuesday9Utc.AddDays(-2)));

    [Fact]
    public void Describe_Past_AgoAndLocalTime() =>
        Assert.Equal("3 hours ago, Tue 09:00 UTC", PublishTime.Describe(Tuesday9Utc, "UTC", Tuesday9Utc.AddHours(3)));
}
