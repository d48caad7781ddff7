using System.Globalization;
using System.Text;

namespace SocialBot.Bot.Features.Drafts.Rules;

internal enum PostTokenKind
{
    Url,
    Hashtag,
    Mention,
}

/// <summary>
/// A link, hashtag or @mention found in post text.
/// <paramref name="HasScheme"/>: a URL written with <c>http://</c> or <c>https://</c>.
/// <paramref name="HandleLength"/>: for a mention, the length of its <c>@user</c> part (less than
/// <paramref name="Length"/> for a remote <c>@user@instance</c> mention).
/// </summary>
internal readonly record struct PostTextToken(PostTokenKind Kind, int Start, int Length, bool HasScheme = false, int HandleLength = 0)
{
    public int End => Start + Length;
}

/// <summary>The tokens of one post text, found in a single left-to-right pass by <see cref="Scan"/>.</summary>
internal sealed class PostTextScan
{
    private static readonly List<PostTextToken> NoTokens = [];

    private PostTextScan(string text, List<PostTextToken>? tokens)
    {
        Text = text;
        Tokens = tokens ?? NoTokens;
        foreach (var token in Tokens)
        {
            switch (token.Kind)
            {
                case PostTokenKind.Url:
                    UrlCount++;
                    break;
                case PostTokenKind.Hashtag:
                    HashtagCount++;
                    break;
            }
        }
    }

    public string Text { get; }

    /// <summary>Tokens in text order, never overlapping.</summary>
    public IReadOnlyList<PostTextToken> Tokens { get; }

    public int UrlCount { get; }

    public int HashtagCount { get; }

    /// <summary>The tag without its <c>#</c>.</summary>
    public ReadOnlySpan<char> TagOf(PostTextToken hashtag) => Text.AsSpan(hashtag.Start + 1, hashtag.Length - 1);

    public static PostTextScan Scan(string text)
    {
        List<PostTextToken>? tokens = null;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            PostTextToken token;
            var found = c switch
            {
                'h' or 'H' => TryReadSchemeUrl(text, i, out token),
                '#' => TryReadHashtag(text, i, out token),
                '@' => TryReadMention(text, i, out token),
                _ => TryReadBareDomainUrl(text, i, out token),
            };

            if (!found && c is 'h' or 'H')
            {
                found = TryReadBareDomainUrl(text, i, out token);
            }

            if (found)
            {
                (tokens ??= []).Add(token);
                i = token.End;
            }
            else
            {
                i++;
            }
        }

        return new PostTextScan(text, tokens);
    }

    private static bool TryReadSchemeUrl(string text, int start, out PostTextToken token)
    {
        token = default;
        if (!IsUrlBoundaryBefore(text, start))
        {
            return false;
        }

        var rest = text.AsSpan(start);
        int schemeLength;
        if (rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            schemeLength = 8;
        }
        else if (rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            schemeLength = 7;
        }
        else
        {
            return false;
        }

        var hostStart = start + schemeLength;
        if (hostStart >= text.Length || !char.IsLetterOrDigit(text[hostStart]))
        {
            return false;
        }

        var end = ReadPathEnd(text, hostStart);
        token = new PostTextToken(PostTokenKind.Url, start, end - start, HasScheme: true);
        return true;
    }

    // Links without a scheme follow X's rules: a known TLD is required, and a bare two-label domain on a
    // country-code TLD ("readme.md", "t.co") only counts when a path follows.
    private static bool TryReadBareDomainUrl(string text, int start, out PostTextToken token)
    {
        token = default;
        if (!char.IsAsciiLetterOrDigit(text[start]) || !IsBareDomainBoundaryBefore(text, start))
        {
            return false;
        }

        var p = start;
        var labels = 0;
        var lastLabelStart = start;
        while (true)
        {
            var labelStart = p;
            while (p < text.Length && (char.IsAsciiLetterOrDigit(text[p]) || text[p] == '-'))
            {
                p++;
            }

            if (p == labelStart || text[labelStart] == '-' || text[p - 1] == '-')
            {
                return false;
            }

            labels++;
            lastLabelStart = labelStart;
            if (p + 1 < text.Length && text[p] == '.' && char.IsAsciiLetterOrDigit(text[p + 1]))
            {
                p++;
                continue;
            }

            break;
        }

        if (labels < 2 || (p < text.Length && (char.IsLetterOrDigit(text[p]) || text[p] is '_' or '@')))
        {
            return false;
        }

        var tld = text.AsSpan(lastLabelStart, p - lastLabelStart);
        var isGeneric = KnownTopLevelDomains.IsGeneric(tld);
        if (!isGeneric && !KnownTopLevelDomains.IsCountryCode(tld))
        {
            return false;
        }

        var end = p;
        if (end + 1 < text.Length && text[end] == ':' && char.IsAsciiDigit(text[end + 1]))
        {
            end++;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }
        }

        var hasPath = end < text.Length && text[end] is '/' or '?' or '#';
        if (hasPath)
        {
            end = ReadPathEnd(text, end);
        }
        else if (!isGeneric && labels == 2)
        {
            return false;
        }

        token = new PostTextToken(PostTokenKind.Url, start, end - start);
        return true;
    }

    // Everything up to white space, minus trailing punctuation that belongs to the sentence
    // ("see example.com/a." or "(example.com/a)") — the same trimming the networks' linkifiers do.
    private static int ReadPathEnd(string text, int from)
    {
        var end = from;
        var openParens = 0;
        var closeParens = 0;
        while (end < text.Length)
        {
            var c = text[end];
            if (char.IsWhiteSpace(c) || c is '<' or '>' or '"' or '“' or '”')
            {
                break;
            }

            if (c == '(')
            {
                openParens++;
            }
            else if (c == ')')
            {
                closeParens++;
            }

            end++;
        }

        while (end > from)
        {
            var last = text[end - 1];
            if (last is '.' or ',' or ':' or ';' or '!' or '?' or '\'' or '*' or '…' or '’')
            {
                end--;
            }
            else if (last == ')' && closeParens > openParens)
            {
                closeParens--;
                end--;
            }
            else
            {
                break;
            }
        }

        return end;
    }

    private static bool TryReadHashtag(string text, int start, out PostTextToken token)
    {
        token = default;
        if (start > 0 && (IsWordChar(text, start - 1) || text[start - 1] is '&' or '#'))
        {
            return false;
        }

        var p = start + 1;
        var hasLetter = false;
        while (p < text.Length)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(p), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                break;
            }

            var category = Rune.GetUnicodeCategory(rune);
            if (IsLetterCategory(category))
            {
                hasLetter = true;
            }
            else if (category is not (UnicodeCategory.DecimalDigitNumber or UnicodeCategory.NonSpacingMark
                     or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.ConnectorPunctuation))
            {
                break;
            }

            p += consumed;
        }

        // "#1" is not a hashtag on any network: a tag needs at least one letter.
        if (!hasLetter)
        {
            return false;
        }

        token = new PostTextToken(PostTokenKind.Hashtag, start, p - start);
        return true;
    }

    private static bool TryReadMention(string text, int start, out PostTextToken token)
    {
        token = default;
        if (start > 0 && (IsWordChar(text, start - 1) || text[start - 1] is '@' or '.' or '/'))
        {
            return false;
        }

        var p = start + 1;
        while (p < text.Length && (char.IsAsciiLetterOrDigit(text[p]) || text[p] is '_' or '.' or '-'))
        {
            p++;
        }

        while (p > start + 1 && text[p - 1] is '.' or '-')
        {
            p--;
        }

        if (p == start + 1)
        {
            return false;
        }

        var handleLength = p - start;
        var domainEnd = ReadMentionDomainEnd(text, p);
        token = new PostTextToken(PostTokenKind.Mention, start, domainEnd - start, HandleLength: handleLength);
        return true;
    }

    // "@user@instance.example": Mastodon counts only the "@user" part of a remote mention.
    private static int ReadMentionDomainEnd(string text, int at)
    {
        if (at >= text.Length || text[at] != '@')
        {
            return at;
        }

        var p = at + 1;
        var labels = 0;
        var lastLabelAllLetters = false;
        while (true)
        {
            var labelStart = p;
            var allLetters = true;
            while (p < text.Length && (char.IsAsciiLetterOrDigit(text[p]) || text[p] == '-'))
            {
                allLetters &= char.IsAsciiLetter(text[p]);
                p++;
            }

            if (p == labelStart)
            {
                return at;
            }

            labels++;
            lastLabelAllLetters = allLetters && p - labelStart >= 2;
            if (p + 1 < text.Length && text[p] == '.' && char.IsAsciiLetterOrDigit(text[p + 1]))
            {
                p++;
                continue;
            }

            break;
        }

        return labels >= 2 && lastLabelAllLetters ? p : at;
    }

    private static bool IsUrlBoundaryBefore(string text, int index) =>
        index == 0 || !(IsWordChar(text, index - 1) || text[index - 1] is '/' or '@' or '.' or '-' or '#' or '$');

    private static bool IsBareDomainBoundaryBefore(string text, int index) =>
        index == 0 || !(IsWordChar(text, index - 1) || text[index - 1] is '/' or '@' or '.' or '-' or '#' or '$'
            or '&' or '=' or ':' or '~' or '+' or '%');

    private static bool IsWordChar(string text, int index)
    {
        var c = text[index];
        if (c == '_' || char.IsLetterOrDigit(c))
        {
            return true;
        }

        // A letter outside the BMP (its low surrogate is what precedes us).
        return char.IsLowSurrogate(c) && index > 0 && char.IsHighSurrogate(text[index - 1])
            && IsLetterCategory(CharUnicodeInfo.GetUnicodeCategory(text, index - 1));
    }

    private static bool IsLetterCategory(UnicodeCategory category) => category is UnicodeCategory.UppercaseLetter
        or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
        or UnicodeCategory.OtherLetter;
}
