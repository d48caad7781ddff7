using SocialBot.Bot.Features.Drafts.Rules;

namespace SocialBot.Bot.Tests.Features.Drafts.Rules;

public sealed class PostTextScanTests
{
    // Expected links separated by "|"; "" = no link.
    [Theory]
    [InlineData("https://example.com/a?b=c", "https://example.com/a?b=c")]
    [InlineData("HTTPS://EXAMPLE.COM", "HTTPS://EXAMPLE.COM")]
    [InlineData("See example.com.", "example.com")]
    [InlineData("www.example.org/x, then more", "www.example.org/x")]
    [InlineData("(see https://example.com/a_(b))", "https://example.com/a_(b)")]
    [InlineData("(example.com)", "example.com")]
    [InlineData("example.com:8080/x ok", "example.com:8080/x")]
    [InlineData("one.com and two.org/x?y=1!", "one.com|two.org/x?y=1")]
    [InlineData("github.io/x", "github.io/x")]
    [InlineData("sub.example.io", "sub.example.io")]
    [InlineData("e.g. v1.2 file.txt readme.md i.e.", "")]
    [InlineData("example.io", "")]
    [InlineData("me@example.com", "")]
    [InlineData("https:// nothing", "")]
    [InlineData("xhttps://example.com", "")]
    public void Scan_Text_FindsLinks(string text, string expected)
    {
        var scan = PostTextScan.Scan(text);

        var urls = scan.Tokens.Where(t => t.Kind == PostTokenKind.Url).Select(t => text.Substring(t.Start, t.Length));
        Assert.Equal(expected, string.Join("|", urls));
    }

    [Theory]
    [InlineData("#one #Two #3 a#b #über #\u65E5\u672C", "#one|#Two|#über|#\u65E5\u672C")] // digits-only and mid-word '#' are not tags
    [InlineData("Launch! #ad, #Sponsored.", "#ad|#Sponsored")]
    [InlineData("https://example.com/#anchor #real", "#real")] // a fragment inside a link is not a tag
    [InlineData("no tags here #", "")]
    public void Scan_Text_FindsHashtags(string text, string expected)
    {
        var scan = PostTextScan.Scan(text);

        var tags = scan.Tokens.Where(t => t.Kind == PostTokenKind.Hashtag).Select(t => text.Substring(t.Start, t.Length));
        Assert.Equal(expected, string.Join("|", tags));
    }

    [Theory]
    [InlineData("Hi @alice@mastodon.social!", "@alice@mastodon.social", 6)]
    [InlineData("Hi @bob.", "@bob", 4)]
    public void Scan_Mention_RecordsHandleLength(string text, string expectedMention, int expectedHandleLength)
    {
        var mention = Assert.Single(PostTextScan.Scan(text).Tokens, t => t.Kind == PostTokenKind.Mention);

        Assert.Equal(expectedMention, text.Substring(mention.Start, mention.Length));
        Assert.Equal(expectedHandleLength, mention.HandleLength);
    }
}
