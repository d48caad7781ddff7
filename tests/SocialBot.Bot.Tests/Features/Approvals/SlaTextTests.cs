using SocialBot.Bot.Features.Approvals;

namespace SocialBot.Bot.Tests.Features.Approvals;

public sealed class SlaTextTests
{
    [Theory]
    [InlineData("4h", 240)]
    [InlineData("4", 240)]
    [InlineData(" 4 hours ", 240)]
    [InlineData("90m", 90)]
    [InlineData("90 minutes", 90)]
    [InlineData("1h 30m", 90)]
    [InlineData("1h30m", 90)]
    [InlineData("1.5h", 90)]
    [InlineData("1,5h", 90)]
    [InlineData("2d", 2880)]
    [InlineData("1 day 2 hrs", 1560)]
    [InlineData("30 MIN", 30)]
    public void TryParse_WhatPeopleType_Minutes(string text, int minutes)
    {
        Assert.True(SlaText.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMinutes(minutes), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("soon")]
    [InlineData("4x")]
    [InlineData("h")]
    [InlineData("0")]
    [InlineData("0m")]
    [InlineData("-4h")]
    [InlineData("4 5")]
    [InlineData("4h and a bit")]
    [InlineData("99999999999999999999d")]
    [InlineData("{\"h\":4}")]
    public void TryParse_Nonsense_False(string? text) => Assert.False(SlaText.TryParse(text, out _));

    [Theory]
    [InlineData(240, "4h")]
    [InlineData(30, "30m")]
    [InlineData(90, "1h 30m")]
    [InlineData(1440, "1d")]
    [InlineData(1561, "1d 2h 1m")]
    [InlineData(0, "0m")]
    public void Format_ReadsBackTheSame(int minutes, string expected)
    {
        var text = SlaText.Format(TimeSpan.FromMinutes(minutes));

        Assert.Equal(expected, text);
        if (minutes > 0)
        {
            Assert.True(SlaText.TryParse(text, out var back));
            Assert.Equal(TimeSpan.FromMinutes(minutes), back);
        }
    }
}
