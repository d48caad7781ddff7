using System.Text;
using SocialBot.Bot.Protocol.Hosting;

namespace SocialBot.Bot.Tests.Protocol.Hosting;

public sealed class ActivityBodyReaderTests
{
    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2,3]")]
    [InlineData("\"message\"")]
    [InlineData("{\"text\":\"no type\"}")]
    [InlineData("{\"type\":\"\"}")]
    [InlineData("{\"type\":\"message\",\"timestamp\":\"yesterday\"}")]
    [InlineData("{\"type\":\"message\"")]
    public void Parse_MalformedActivity_Is400WithReason(string body)
    {
        var result = ActivityBodyReader.Parse(Encoding.UTF8.GetBytes(body));

        Assert.Null(result.Activity);
        Assert.Equal(400, result.ErrorStatus);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }

    [Fact]
    public void Parse_DeeplyNestedJson_Is400()
    {
        var body = "{\"type\":\"message\",\"value\":" + new string('[', 500) + new string(']', 500) + "}";

        var result = ActivityBodyReader.Parse(Encoding.UTF8.GetBytes(body));

        Assert.Equal(400, result.ErrorStatus);
    }

    [Fact]
    public void Parse_InvalidUtf8_Is400()
    {
        byte[] body = [.. Encoding.UTF8.GetBytes("{\"type\":\"message\",\"text\":\""), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}")];

        var result = ActivityBodyReader.Parse(body);

        Assert.Equal(400, result.ErrorStatus);
    }

    [Fact]
    public void Parse_MinimalActivity_Succeeds()
    {
        var result = ActivityBodyReader.Parse(Encoding.UTF8.GetBytes("{\"type\":\"message\",\"text\":\"hi\"}"));

        Assert.Equal("hi", result.Activity?.Text);
    }
}
