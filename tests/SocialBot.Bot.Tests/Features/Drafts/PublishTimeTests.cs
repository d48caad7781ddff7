using SocialBot.Bot.Features.Drafts;

namespace SocialBot.Bot.Tests.Features.Drafts;

public sealed class PublishTimeTests
{
    private static readonly DateTimeOffset Tuesday9Utc = new(2026, 12, 8, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Local_BerlinInWinter_Cet() =>
        Assert.Equal("Tue 8 Dec 10:00 CET", PublishTime.Local(Tuesday9Utc, "Europe/Berlin"));

    [Fact]
    public void Local_BerlinInSummer_Cest() =>
        Assert.Equal("Mon 6 Jul 11:00 CEST", PublishTime.Local(new DateTimeOffset(2026, 7, 6, 9, 0, 0, TimeSpan.Zero), "Europe/Berlin"));

    [Theory]
    [InlineData("Not/AZone")]
    [InlineData("")]
    [InlineData(null)]
    public void Local_UnknownZone_Utc(string? zone) =>
        Assert.Equal("Tue 8 Dec 09:00 UTC", PublishTime.Local(Tuesday9Utc, zone));

    [Fact]
    public void Describe_Future_InAndLocalTime() =>
        Assert.Equal("in 2 days, Tue 8 Dec 10:00 CET", PublishTime.Describe(Tuesday9Utc, "Europe/Berlin", Tuesday9Utc.AddDays(-2)));

    [Fact]
    public void Describe_Past_AgoAndLocalTime() =>
        Assert.Equal("3 hours ago, Tue 8 Dec 09:00 UTC", PublishTime.Describe(Tuesday9Utc, "UTC", Tuesday9Utc.AddHours(3)));
}
