using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml;

namespace SocialBot.Bot.Features.Mentions.Feeds;

/// <summary>One entry of an RSS 2.0 or Atom 1.0 feed.</summary>
internal sealed record FeedItem(string Id, string Title, string Summary, string? Link, string? Author, DateTimeOffset? Published);

/// <summary>A feed the reader could not understand; the message says what to check.</summary>
internal sealed class FeedFormatException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads RSS 2.0 and Atom 1.0 with a streaming reader: no DTDs (so no entity expansion or external entities), no
/// resolver, a size cap. Elements are matched by local name, so namespaced variants (dc:creator, content:encoded) work.
/// </summary>
internal static partial class FeedReader
{
    public const int MaxItems = 200;
    public const long MaxCharacters = 2 * 1024 * 1024;
    private const int MaxTextRead = 20_000;

    public static IReadOnlyList<FeedItem> Read(Stream xml)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxCharacters,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            Async = false,
        };
        try
        {
            using var reader = XmlReader.Create(xml, settings);
            reader.MoveToContent();
            return reader.LocalName switch
            {
                "rss" or "RDF" => ReadEntries(reader, "item"),
                "feed" => ReadEntries(reader, "entry"),
                _ => throw new FeedFormatException($"This is XML, but not an RSS or Atom feed (it starts with <{reader.LocalName}>)."),
            };
        }
        catch (XmlException ex)
        {
            throw new FeedFormatException($"This is not a readable feed: {ex.Message}", ex);
        }
    }

    private static List<FeedItem> ReadEntries(XmlReader reader, string entryName)
    {
        var items = new List<FeedItem>();
        while (reader.Read() && items.Count < MaxItems)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == entryName)
            {
                using var entry = reader.ReadSubtree();
                if (ReadEntry(entry) is { } item)
                {
                    items.Add(item);
                }
            }
        }

        return items;
    }

    private static FeedItem? ReadEntry(XmlReader entry)
    {
        string? id = null, title = null, summary = null, content = null, link = null, author = null;
        DateTimeOffset? published = null;
        entry.Read();
        var depth = entry.Depth;
        entry.Read();
        while (!entry.EOF)
        {
            if (entry.NodeType != XmlNodeType.Element || entry.Depth != depth + 1)
            {
                entry.Read();
                continue;
            }

            switch (entry.LocalName)
            {
                case "guid" or "id":
                    id ??= Text(entry);
                    break;
                case "title":
                    title ??= Text(entry);
                    break;
                case "description" or "summary":
                    summary ??= Text(entry);
                    break;
                case "encoded" or "content":
                    content ??= Text(entry);
                    break;
                case "link" when entry.GetAttribute("href") is { } href:
                    if (entry.GetAttribute("rel") is null or "alternate")
                    {
                        link ??= href;
                    }

                    entry.Skip();
                    break;
                case "link":
                    link ??= Text(entry);
                    break;
                case "creator" or "author":
                    author ??= AuthorName(entry);
                    break;
                case "pubDate" or "published" or "updated" or "date":
                    published ??= Date(Text(entry));
                    break;
                default:
                    entry.Skip();
                    break;
            }
        }

        // A short description reads better in a card than the full article some feeds also carry.
        summary = string.IsNullOrWhiteSpace(summary) ? content : summary;
        id = string.IsNullOrWhiteSpace(id) ? link ?? title : id;
        if (string.IsNullOrWhiteSpace(id) || (string.IsNullOrWhiteSpace(title) && string.IsNullOrWhiteSpace(summary)))
        {
            return null;
        }

        return new FeedItem(id.Trim(), Plain(title), Plain(summary), Absolute(link), Author(author), published);
    }

    /// <summary>All text of the element (escaped HTML, CDATA or XHTML children alike); leaves the reader after it.</summary>
    private static string Text(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return string.Empty;
        }

        var text = new System.Text.StringBuilder();
        using (var element = reader.ReadSubtree())
        {
            while (element.Read())
            {
                if (element.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace)
                {
                    text.Append(element.Value);
                }
                else if (element.NodeType == XmlNodeType.Element && text.Length > 0)
                {
                    text.Append(' ');
                }
            }
        }

        reader.Read();
        return text.ToString();
    }

    /// <summary>Atom's &lt;author&gt;&lt;name&gt; or RSS's plain text author.</summary>
    private static string? AuthorName(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return null;
        }

        string? name = null;
        var text = new System.Text.StringBuilder();
        using (var author = reader.ReadSubtree())
        {
            var inName = false;
            while (author.Read())
            {
                if (author.NodeType == XmlNodeType.Element)
                {
                    inName = author.LocalName == "name";
                }
                else if (author.NodeType is XmlNodeType.Text or XmlNodeType.CDATA)
                {
                    if (inName)
                    {
                        name ??= author.Value;
                    }

                    text.Append(author.Value).Append(' ');
                }
            }
        }

        reader.Read();
        return name ?? text.ToString().Trim();
    }

    /// <summary>RSS puts an e-mail address first ("jo@example.com (Jo Writer)"): the name in parentheses is what people read.</summary>
    private static string? Author(string? raw)
    {
        var plain = Plain(raw);
        if (plain.Length == 0)
        {
            return null;
        }

        var open = plain.IndexOf('(', StringComparison.Ordinal);
        return open > 0 && plain.EndsWith(')') && plain[..open].Contains('@', StringComparison.Ordinal) && plain.Length - open > 2
            ? plain[(open + 1)..^1].Trim()
            : plain.Length <= 200 ? plain : plain[..200];
    }

    private static DateTimeOffset? Date(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length is 0 or > 64)
        {
            return null;
        }

        // RFC 822 dates with a zone name ("GMT", "EST") are not a .NET format; the hour is close enough for a feed.
        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed
            : DateTimeOffset.TryParseExact(ZoneName().Replace(trimmed, " +0000"), "ddd, d MMM yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var rfc) ? rfc
            : null;
    }

    private static string? Absolute(string? link) =>
        Uri.TryCreate(link?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri.AbsoluteUri : null;

    /// <summary>
    /// Feed summaries are HTML more often than not: script and style bodies out, tags out, entities decoded, whitespace
    /// folded. Only the start is read (cards show 2,000 characters) and the patterns are matched without backtracking,
    /// so a hostile summary of unclosed tags costs linear time.
    /// </summary>
    private static string Plain(string? html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return string.Empty;
        }

        var start = html.Length <= MaxTextRead ? html : html[..MaxTextRead];
        return Whitespace().Replace(WebUtility.HtmlDecode(Tags().Replace(Hidden().Replace(start, " "), " ")), " ").Trim();
    }

    [GeneratedRegex("<[^>]*>", RegexOptions.NonBacktracking)]
    private static partial Regex Tags();

    [GeneratedRegex(@"<script\b[^>]*>.*?</script\s*>|<style\b[^>]*>.*?</style\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.NonBacktracking)]
    private static partial Regex Hidden();

    [GeneratedRegex(@"\s+[A-Z]{3,4}$")]
    private static partial Regex ZoneName();

    [GeneratedRegex(@"\s+", RegexOptions.NonBacktracking)]
    private static partial Regex Whitespace();
}
