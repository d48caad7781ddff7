using SocialBot.Cards.AdaptiveCards;

namespace SocialBot.Cards.Tests.AdaptiveCards;

public sealed class CardTextTests
{
    [Theory]
    [InlineData("Plain words stay", "Plain words stay")]
    [InlineData("**bold** and _italic_", @"\*\*bold\*\* and \_italic\_")]
    [InlineData("[click](https://evil.example)", @"\[click\](https://evil.example)")]
    [InlineData("- item", @"\- item")]
    [InlineData("  * item", @"  \* item")]
    [InlineData("+ item", @"\+ item")]
    [InlineData("1. first\n2) second", "1\\. first\n2\\) second")]
    [InlineData("# heading", @"\# heading")]
    [InlineData("> quote", @"\> quote")]
    [InlineData("| a | b |", @"\| a | b |")]
    [InlineData("`code`", @"\`code\`")]
    [InlineData(@"C:\path", @"C:\\path")]
    [InlineData("a - b # c > d 3. e", "a - b # c > d 3. e")]
    [InlineData("2024 was great", "2024 was great")]
    [InlineData("line\r\n- next", "line\r\n\\- next")]
    [InlineData("مرحبا 🏳️‍🌈 \"${x}\" {}", "مرحبا 🏳️‍🌈 \"${x}\" {}")]
    [InlineData("", "")]
    public void Plain_EscapesMarkdownSignificantCharacters(string input, string expected)
    {
        Assert.Equal(expected, CardText.Plain(input));
    }
}
