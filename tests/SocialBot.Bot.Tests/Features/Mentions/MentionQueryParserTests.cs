using SocialBot.Bot.Features.Mentions.Matching;

namespace SocialBot.Bot.Tests.Features.Mentions;

public sealed class MentionQueryParserTests
{
    [Theory]
    [InlineData("acme")]
    [InlineData("\"acme cloud\" OR #acme -jobs")]
    [InlineData("(acme OR contoso) AND NOT hiring")]
    [InlineData("@acme source:x followers:>10000 lang:en")]
    [InlineData("acme priority:high")]
    [InlineData("refund followers:>=10k")]
    [InlineData("“smart quotes phrase”")]
    [InlineData("source:reddit")]
    [InlineData("acme AND (cloud OR \"cloud suite\")")]
    [InlineData("#AcMe")]
    [InlineData("@acme_support")]
    [InlineData("café crème")]
    [InlineData("acme -\"job posting\"")]
    [InlineData("acme NOT (hiring OR jobs)")]
    [InlineData("((acme))")]
    [InlineData("acme or contoso")]
    [InlineData("شركة acme")]
    public void Parse_ValidQuery_Succeeds(string text)
    {
        var result = MentionQueryParser.Parse(text);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(text, result.Query!.Text);
    }

    [Theory]
    [InlineData("", 1, "Tell me what to look for")]
    [InlineData("   ", 1, "Tell me what to look for")]
    [InlineData("\"acme cloud", 1, "Missing closing quote")]
    [InlineData("acme \"cloud", 6, "Missing closing quote")]
    [InlineData("(acme OR contoso", 1, "Missing ')'")]
    [InlineData("acme)", 5, "without a matching '('")]
    [InlineData("acme OR", 6, "'OR' at position 6")]
    [InlineData("OR acme", 1, "'OR' at position 1")]
    [InlineData("acme AND", 6, "'AND' at position 6")]
    [InlineData("AND acme", 1, "'AND' at position 1")]
    [InlineData("acme NOT", 6, "'NOT' at position 6")]
    [InlineData("()", 2, "empty")]
    [InlineData("-jobs", 1, "not only exclusions")]
    [InlineData("NOT acme", 1, "not only exclusions")]
    [InlineData("color:red", 1, "I don't know the filter 'color:'")]
    [InlineData("source:tiktok", 8, "is not a source")]
    [InlineData("followers:>lots", 11, "not a follower count")]
    [InlineData("lang:english!", 6, "not a language code")]
    [InlineData("acme priority:urgent", 15, "Priority at position 15")]
    [InlineData("\"!!!\"", 1, "no words")]
    [InlineData("# acme", 1, "no letters or digits")]
    [InlineData("acme AND OR contoso", 6, "'AND' at position 6")]
    [InlineData("followers:>", 11, "not a follower count")]
    [InlineData("acme 🚀", 6, "no letters or digits")]
    public void Parse_Invalid_ExplainsWithPosition(string text, int position, string message)
    {
        var result = MentionQueryParser.Parse(text);

        Assert.False(result.Succeeded);
        Assert.Equal(position, result.ErrorPosition);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooLong_Refused() =>
        Assert.Contains("keep it under 500", MentionQueryParser.Parse(new string('a', 501)).Error, StringComparison.Ordinal);

    [Fact]
    public void Parse_NestedTooDeep_Refused() =>
        Assert.Contains("nested more than 20", MentionQueryParser.Parse(new string('(', 21) + "a" + new string(')', 21)).Error, StringComparison.Ordinal);

    [Theory]
    [InlineData("acme priority:high", nameof(RulePriority.High))]
    [InlineData("acme priority:LOW", nameof(RulePriority.Low))]
    [InlineData("acme", nameof(RulePriority.Normal))]
    public void Parse_Priority_IsARuleOption(string text, string expected) =>
        Assert.Equal(Enum.Parse<RulePriority>(expected), MentionQueryParser.Parse(text).Query!.Priority);
}
