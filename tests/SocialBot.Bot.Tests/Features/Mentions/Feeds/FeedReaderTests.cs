using System.Text;
using SocialBot.Bot.Features.Mentions.Feeds;

namespace SocialBot.Bot.Tests.Features.Mentions.Feeds;

public sealed class FeedReaderTests
{
    [Fact]
    public void Read_Rss_ItemsWithTextLinkAuthorAndDate()
    {
        var items = Read("""
            <?xml version="1.0"?>
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>News</title>
              <item><title>Acme launches Cloud 2</title><link>https://news.example/acme-cloud-2</link>
                <description>&lt;p&gt;Acme &amp;amp; partners &lt;b&gt;ship&lt;/b&gt; today&lt;/p&gt;</description>
                <guid isPermaLink="false">n-1</guid><pubDate>Tue, 01 Dec 2026 09:30:00 GMT</pubDate><dc:creator>Jo Writer</dc:creator></item>
              <item><title>Second</title><link>https://news.example/2</link></item>
            </channel></rss>
            """);

        Assert.Equal(2, items.Count);
        Assert.Equal(new FeedItem("n-1", "Acme launches Cloud 2", "Acme & partners ship today", "https://news.example/acme-cloud-2", "Jo Writer", new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero)), items[0]);
        Assert.Equal("https://news.example/2", items[1].Id);
    }

    [Fact]
    public void Read_Atom_EntriesWithAlternateLinkAndAuthorName()
    {
        var items = Read("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>
              <entry><id>urn:uuid:1</id><title>Post</title><link rel="self" href="https://blog.example/self"/><link href="https://blog.example/post"/>
                <summary type="html">Hello &lt;i&gt;world&lt;/i&gt;</summary><updated>2026-12-01T10:00:00Z</updated><author><name>Ana</name></author></entry>
            </feed>
            """);

        var item = Assert.Single(items);
        Assert.Equal(new FeedItem("urn:uuid:1", "Post", "Hello world", "https://blog.example/post", "Ana", new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero)), item);
    }

    [Theory]
    [InlineData("<rss><channel><item><title>unclosed</channel></rss>", "not a readable feed")]
    [InlineData("<html><body>Not a feed</body></html>", "not an RSS or Atom feed")]
    [InlineData("{\"json\": true}", "not a readable feed")]
    [InlineData("", "not a readable feed")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><rss><channel><item><title>&xxe;</title></item></channel></rss>", "not a readable feed")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"http://169.254.169.254/evil.dtd\"><rss><channel></channel></rss>", "not a readable feed")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]><rss>&lol2;</rss>", "not a readable feed")]
    public void Read_NotAFeedOrHostile_ClearError(string xml, string expected) =>
        Assert.Contains(expected, Assert.Throws<FeedFormatException>(() => Read(xml)).Message, StringComparison.Ordinal);

    [Fact]
    public void Read_ItemsWithoutIdOrText_Skipped_UnsafeLinksDropped()
    {
        var items = Read("<rss><channel><item></item><item><title>Only a title</title><link>javascript:alert(1)</link></item></channel></rss>");

        var item = Assert.Single(items);
        Assert.Equal("Only a title", item.Title);
        Assert.Null(item.Link);
    }

    [Fact]
    public void Read_ThousandsOfItems_StopsAtTheCap()
    {
        var xml = new StringBuilder("<rss><channel>");
        for (var i = 0; i < 1_000; i++)
        {
            xml.Append(System.Globalization.CultureInfo.InvariantCulture, $"<item><guid>{i}</guid><title>Item {i}</title></item>");
        }

        Assert.Equal(FeedReader.MaxItems, Read(xml.Append("</channel></rss>").ToString()).Count);
    }

    [Fact]
    public void Read_LargerThanTheLimit_Refused() =>
        Assert.Throws<FeedFormatException>(() => Read("<rss><channel><item><title>" + new string('a', (int)FeedReader.MaxCharacters + 10) + "</title></item></channel></rss>"));

    [Fact]
    public void Read_Rss10Rdf_ItemsOutsideTheChannel()
    {
        var items = Read("""
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="https://news.example/"><title>News</title></channel>
              <item rdf:about="https://news.example/1"><title>One</title><link>https://news.example/1</link><dc:date>2026-12-01T08:00:00+01:00</dc:date></item>
            </rdf:RDF>
            """);

        var item = Assert.Single(items);
        Assert.Equal(("https://news.example/1", "One", new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero)), (item.Id, item.Title, item.Published!.Value.ToUniversalTime()));
    }

    [Fact]
    public void Read_ShortDescriptionPreferredOverFullContent_XhtmlContentReadAsText()
    {
        var rss = Read("""
            <rss xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><item><guid>1</guid><title>T</title>
              <content:encoded><![CDATA[<p>The whole long article</p>]]></content:encoded><description>Short</description></item></channel></rss>
            """);
        var atom = Read("""
            <feed xmlns="http://www.w3.org/2005/Atom"><entry><id>e</id><title>T</title>
              <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello</p><p>there</p></div></content></entry></feed>
            """);

        Assert.Equal("Short", Assert.Single(rss).Summary);
        Assert.Equal("Hello there", Assert.Single(atom).Summary);
    }

    [Theory]
    [InlineData("Tue, 01 Dec 2026 09:30:00 GMT", "2026-12-01T09:30:00Z")]
    [InlineData("Tue, 1 Dec 2026 09:30:00 +0200", "2026-12-01T07:30:00Z")]
    [InlineData("2026-12-01T09:30:00Z", "2026-12-01T09:30:00Z")]
    [InlineData("yesterday-ish", null)]
    [InlineData("", null)]
    public void Read_Dates_CommonFormats_OrNone(string date, string? expected)
    {
        var item = Assert.Single(Read($"<rss><channel><item><guid>1</guid><title>T</title><pubDate>{date}</pubDate></item></channel></rss>"));

        Assert.Equal(expected is null ? null : DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), item.Published);
    }

    [Fact]
    public void Read_MissingGuidAndLink_TitleIsTheId_EmailAuthorBecomesTheName()
    {
        var item = Assert.Single(Read("<rss><channel><item><title>Only a title</title><author>jo@news.example (Jo Writer)</author></item></channel></rss>"));

        Assert.Equal(("Only a title", "Jo Writer", (string?)null), (item.Id, item.Author, item.Link));
    }

    [Fact]
    public void Read_HostileMarkupInSummary_PlainTextWithoutScripts()
    {
        var unclosed = string.Concat(Enumerable.Repeat("&lt;a ", 50_000));
        var items = Read($"<rss><channel><item><guid>1</guid><title>&lt;script&gt;alert(1)&lt;/script&gt;Hi &amp;amp; bye</title><description>{unclosed}</description></item></channel></rss>");

        var item = Assert.Single(items);
        Assert.Equal("Hi & bye", item.Title);
        Assert.True(item.Summary.Length <= 20_000);
    }

    private static IReadOnlyList<FeedItem> Read(string xml) => FeedReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)));
}
