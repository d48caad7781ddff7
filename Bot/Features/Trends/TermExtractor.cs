using System.Globalization;
using System.Text;
using SocialBot.Bot.Features.Drafts.Rules;

namespace SocialBot.Bot.Features.Trends;

/// <summary>
/// Finds the terms of one mention: hashtags, @handles, link domains, keywords and two-word phrases.
/// Links, hashtags and handles are found by the same scanner the post rules use, so both agree on what a link is.
/// Phrases are two adjacent keywords; a stop word, a dropped token (number, one letter), a link, tag or handle,
/// sentence punctuation or an emoji between them breaks the pair.
/// Each term appears once per text.
/// </summary>
internal static class TermExtractor
{
    private const int MinimumLetters = 2;

    public static IReadOnlyList<Term> Extract(string text, string? lang)
    {
        ArgumentNullException.ThrowIfNull(text);
        var collector = new TermCollector(IsEnglish(lang));
        var scan = PostTextScan.Scan(text);
        var position = 0;
        foreach (var token in scan.Tokens)
        {
            collector.AddWords(text.AsSpan(position, token.Start - position));
            switch (token.Kind)
            {
                case PostTokenKind.Hashtag:
                    collector.AddHashtag(text.Substring(token.Start + 1, token.Length - 1));
                    break;
                case PostTokenKind.Mention:
                    collector.AddHandle(text.Substring(token.Start, token.Length));
                    break;
                case PostTokenKind.Url:
                    collector.AddDomain(text.AsSpan(token.Start, token.Length));
                    break;
            }

            position = token.End;
        }

        collector.AddWords(text.AsSpan(position));
        return collector.Terms;
    }

    /// <summary>Mentions without a language are treated as English: most feeds and webhooks omit it.</summary>
    public static bool IsEnglish(string? lang) =>
        string.IsNullOrWhiteSpace(lang) || lang.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    /// <summary>The key a single word gets as a keyword (used by the <c>trends</c> filter too).</summary>
    public static string KeywordKey(string word, bool english)
    {
        var folded = TermText.Fold(word.Replace('’', '\''));
        return english ? TermLexicon.Singular(folded) : folded;
    }

    private sealed class TermCollector(bool english)
    {
        private readonly List<Term> _terms = [];
        private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
        private Term? _previousKeyword;

        public IReadOnlyList<Term> Terms => _terms;

        public void AddHashtag(string tag)
        {
            _previousKeyword = null;
            if (tag.Length >= MinimumLetters)
            {
                Add(new Term(TermKind.Hashtag, "#" + TermText.Fold(tag), "#" + tag));
            }
        }

        public void AddHandle(string handle)
        {
            _previousKeyword = null;
            Add(new Term(TermKind.Handle, handle.ToLowerInvariant(), handle));
        }

        public void AddDomain(ReadOnlySpan<char> url)
        {
            _previousKeyword = null;
            var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
            var host = schemeEnd >= 0 ? url[(schemeEnd + 3)..] : url;
            var hostEnd = host.IndexOfAny('/', '?', '#');
            host = hostEnd >= 0 ? host[..hostEnd] : host;
            var userInfoEnd = host.LastIndexOf('@');
            host = userInfoEnd >= 0 ? host[(userInfoEnd + 1)..] : host;
            var portStart = host.IndexOf(':');
            host = (portStart >= 0 ? host[..portStart] : host).TrimEnd('.');
            var domain = host.ToString().ToLowerInvariant();
            if (domain.StartsWith("www.", StringComparison.Ordinal))
            {
                domain = domain[4..];
            }

            if (domain.Contains('.', StringComparison.Ordinal))
            {
                Add(new Term(TermKind.Domain, domain, domain));
            }
        }

        public void AddWords(ReadOnlySpan<char> segment)
        {
            // Links, tags and handles around this segment break phrases.
            _previousKeyword = null;
            var i = 0;
            while (i < segment.Length)
            {
                var rune = ReadRune(segment, i, out var length);
                if (IsWordRune(rune))
                {
                    var end = ReadWordEnd(segment, i);
                    AddWord(segment[i..end].ToString());
                    i = end;
                    continue;
                }

                if (!Rune.IsWhiteSpace(rune))
                {
                    // Sentence punctuation, symbols and emoji end a phrase.
                    _previousKeyword = null;
                }

                i += length;
            }
        }

        private void AddWord(string word)
        {
            var written = StripPossessive(word);
            if (!IsKeywordCandidate(written))
            {
                _previousKeyword = null;
                return;
            }

            var folded = TermText.Fold(written.Replace('’', '\''));
            if (TermLexicon.IsStopWord(folded))
            {
                _previousKeyword = null;
                return;
            }

            var keyword = new Term(TermKind.Keyword, english ? TermLexicon.Singular(folded) : folded, written);
            Add(keyword);
            if (_previousKeyword is { } previous && !string.Equals(previous.Key, keyword.Key, StringComparison.Ordinal))
            {
                Add(new Term(TermKind.Phrase, previous.Key + " " + keyword.Key, previous.Display + " " + keyword.Display));
            }

            _previousKeyword = keyword;
        }

        private void Add(Term term)
        {
            if (_keys.Add(term.Key))
            {
                _terms.Add(term);
            }
        }

        // Numbers ("2024", "10k", "3.5"), single letters and scripts written without spaces (Chinese, Japanese, Thai:
        // without a word segmenter a whole sentence would be one "word") are not keywords; their hashtags still count.
        private static bool IsKeywordCandidate(string word)
        {
            if (char.IsDigit(word[0]))
            {
                return false;
            }

            var letters = 0;
            for (var i = 0; i < word.Length;)
            {
                var rune = ReadRune(word, i, out var length);
                if (IsUnsegmentedScript(rune))
                {
                    return false;
                }

                if (Rune.IsLetter(rune))
                {
                    letters++;
                }

                i += length;
            }

            return letters >= MinimumLetters;
        }

        private static string StripPossessive(string word) =>
            word.EndsWith("'s", StringComparison.OrdinalIgnoreCase) || word.EndsWith("’s", StringComparison.OrdinalIgnoreCase)
                ? word[..^2]
                : word;

        // Letters, digits and marks, joined by an apostrophe or a hyphen between them ("don't", "real-time").
        private static int ReadWordEnd(ReadOnlySpan<char> segment, int start)
        {
            var i = start;
            while (i < segment.Length)
            {
                var rune = ReadRune(segment, i, out var length);
                if (IsWordRune(rune) || rune.Value == '_')
                {
                    i += length;
                    continue;
                }

                if (rune.Value is '\'' or '’' or '-' && i + length < segment.Length
                    && IsWordRune(ReadRune(segment, i + length, out _)))
                {
                    i += length;
                    continue;
                }

                break;
            }

            return i;
        }

        private static bool IsWordRune(Rune rune) =>
            Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

        private static bool IsUnsegmentedScript(Rune rune) => rune.Value is
            (>= 0x0E00 and <= 0x0EFF) // Thai, Lao
            or (>= 0x3040 and <= 0x30FF) // Hiragana, Katakana
            or (>= 0x3400 and <= 0x9FFF) // CJK ideographs
            or (>= 0xF900 and <= 0xFAFF)
            or (>= 0x20000 and <= 0x3FFFF);

        private static Rune ReadRune(ReadOnlySpan<char> text, int index, out int length)
        {
            if (Rune.DecodeFromUtf16(text[index..], out var rune, out length) != System.Buffers.OperationStatus.Done)
            {
                length = 1;
                return Rune.ReplacementChar;
            }

            return rune;
        }

        private static Rune ReadRune(string text, int index, out int length) => ReadRune(text.AsSpan(index), 0, out length);
    }
}
