using SocialBot.Bot.Features.Drafts;

namespace SocialBot.Bot.Tests.Features.Drafts;

public sealed class DraftIdTests
{
    [Theory]
    [InlineData("P-42", "P-42")]
    [InlineData("p-42", "P-42")]
    [InlineData(" P 7 ", "P-7")]
    [InlineData("P42", "P-42")]
    [InlineData("P-#3", "P-3")]
    [InlineData("P-007", "P-7")]
    public void TryParse_DraftIdSpellings_Canonical(string text, string expected)
    {
        Assert.True(DraftId.TryParse(text, out var id));
        Assert.Equal(expected, id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("P-")]
    [InlineData("P-0")]
    [InlineData("P-abc")]
    [InlineData("Q-42")]
    [InlineData("P-1234567890")]
    [InlineData("P-4:2")]
    [InlineData("P-４２")]
    public void TryParse_NotADraftId_False(string? text) => Assert.False(DraftId.TryParse(text, out _));
}
