using System.Text.Json;
using SocialBot.Bot.Features.Drafts;
using SocialBot.Bot.Features.Drafts.Rules;

namespace SocialBot.Bot.Tests.Features.Drafts;

public sealed class DraftFormTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public void Read_CompleteForm_ContentInTheUsersZone()
    {
        var input = DraftForm.Read(Data(new()
        {
            ["text"] = "  Launch day! #acme  ",
            ["networks"] = "x,bluesky,x",
            ["link"] = "https://contoso.example/launch",
            ["image1"] = "https://cdn.example/a.png",
            ["alt1"] = "A rocket",
            ["publishDate"] = "2026-12-08",
            ["publishTime"] = "10:00",
            ["urgent"] = "true",
            ["sponsored"] = "false",
            ["draftId"] = "p-42",
            ["version"] = "3",
        }), Berlin);

        Assert.Empty(input.FieldErrors);
        var content = input.Content!;
        Assert.Equal("Launch day! #acme", content.Text);
        Assert.Equal([SocialNetwork.X, SocialNetwork.Bluesky], content.Networks);
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.Zero), content.PublishAt!.Value.ToUniversalTime());
        Assert.Equal("Europe/Berlin", content.TimeZone);
        Assert.True(content.Urgent);
        Assert.Equal("A rocket", Assert.Single(content.Images).AltText);
        Assert.Equal(("P-42", 3), (input.DraftId, input.ContentVersion));
    }

    [Theory]
    [InlineData("text", "", "Write the text")]
    [InlineData("networks", "", "Pick at least one network")]
    [InlineData("networks", "x,myspace", "I don't know the network")]
    [InlineData("link", "contoso dot com", "full web address")]
    [InlineData("image1", "javascript:alert(1)", "full web address")]
    [InlineData("alt2", "Alt without image", "Add the image URL")]
    [InlineData("publishTime", "10:00", "Add a publish date")]
    [InlineData("publishDate", "next tuesday", "Pick the publish date")]
    public void Read_BadField_ErrorNextToItAndTypedValuesKept(string field, string value, string error)
    {
        var values = new Dictionary<string, string> { ["text"] = "Hello", ["networks"] = "x", [field] = value };

        var input = DraftForm.Read(Data(values), Berlin);

        Assert.Null(input.Content);
        var key = field == "alt2" ? "image2" : field == "publishTime" ? "publishDate" : field;
        Assert.Contains(error, input.FieldErrors[key], StringComparison.Ordinal);
        Assert.Equal(values["text"], input.Fields.Text);
    }

    [Fact]
    public void Read_TimeThatDoesNotExist_Explained()
    {
        var input = DraftForm.Read(Data(new() { ["text"] = "Hi", ["networks"] = "x", ["publishDate"] = "2026-03-29", ["publishTime"] = "02:30" }), Berlin);

        Assert.Contains("does not exist", input.FieldErrors["publishDate"], StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NotAnObject_AllRequiredFieldsReported()
    {
        var input = DraftForm.Read(JsonDocument.Parse("[1,2]").RootElement, Berlin);

        Assert.Null(input.Content);
        Assert.True(input.FieldErrors.ContainsKey("text"));
        Assert.True(input.FieldErrors.ContainsKey("networks"));
    }

    [Fact]
    public void FieldsOf_StoredContent_RoundTripsThroughTheForm()
    {
        var content = DraftForm.Read(Data(new() { ["text"] = "Hi", ["networks"] = "linkedin", ["publishDate"] = "2026-07-01", ["publishTime"] = "18:30" }), Berlin).Content!;

        var fields = DraftForm.FieldsOf(content, Berlin);

        Assert.Equal((new DateOnly(2026, 7, 1), new TimeOnly(18, 30)), (fields.PublishDate, fields.PublishTime));
        Assert.Equal(["linkedin"], fields.Networks);
    }

    [Theory]
    [InlineData("<div><div><at id=\"0\">Megan Bowen</at> - Launch is <b>Tuesday</b></div></div>", "Megan Bowen - Launch is Tuesday")]
    [InlineData("<p>Line one</p><p>Line two</p>", "Line one\nLine two")]
    [InlineData("See <a href=\"https://contoso.example/x\">the plan</a>", "See the plan (https://contoso.example/x)")]
    [InlineData("<a href=\"https://contoso.example\">https://contoso.example</a>", "https://contoso.example")]
    [InlineData("Fish &amp; chips &lt;3", "Fish & chips <3")]
    [InlineData("", "")]
    public void MessageHtml_ToPlainText(string html, string expected) => Assert.Equal(expected, MessageHtml.ToPlainText(html));

    private static JsonElement Data(Dictionary<string, string> values) => JsonSerializer.SerializeToElement(values);
}
