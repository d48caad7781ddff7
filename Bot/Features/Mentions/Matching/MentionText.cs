namespace SocialBot.Bot.Features.Mentions.Matching;

/// <summary>
/// A mention's text as the matcher sees it: folded words in order (hashtag and handle bodies count as words too, so
/// a rule for <c>acme</c> also catches <c>#acme</c>), and the exact hashtags and handles.
/// </summary>
internal sealed class MentionText
{
    private MentionText(List<string> words, HashSet<string> wordSet, HashSet<string> tags)
    {
        Words = words;
        WordSet = wordSet;
        Tags = tags;
    }

    public IReadOnlyList<string> Words { get; }

    public IReadOnlySet<string> WordSet { get; }

    /// <summary>Hashtags and handles with their sigil, folded: <c>#launchday</c>, <c>@acme</c>.</summary>
    public IReadOnlySet<string> Tags { get; }

    public static MentionText From(string text)
    {
        var folded = TextFolding.Fold(text);
        var words = new List<string>();
        var tags = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        while (i < folded.Length)
        {
            var c = folded[i];
            if ((c == '#' || c == '@') && i + 1 < folded.Length && TextFolding.IsWordChar(folded[i + 1]) && (i == 0 || !TextFolding.IsWordChar(folded[i - 1])))
            {
                var end = i + 1;
                while (end < folded.Length && (TextFolding.IsWordChar(folded[end]) || (c == '@' && folded[end] == '.' && end + 1 < folded.Length && TextFolding.IsWordChar(folded[end + 1]))))
                {
                    end++;
                }

                tags.Add(folded[i..end]);
                words.AddRange(folded[(i + 1)..end].Split('.', StringSplitOptions.RemoveEmptyEntries));
                i = end;
            }
            else if (TextFolding.IsWordChar(c))
            {
                var end = i;
                while (end < folded.Length && TextFolding.IsWordChar(folded[end]))
                {
                    end++;
                }

                words.Add(folded[i..end]);
                i = end;
            }
            else
            {
                i++;
            }
        }

        return new MentionText(words, [.. words], tags);
    }

    public bool ContainsPhrase(IReadOnlyList<string> phrase)
    {
        for (var start = 0; start + phrase.Count <= Words.Count; start++)
        {
            var all = true;
            for (var k = 0; k < phrase.Count && all; k++)
            {
                all = string.Equals(Words[start + k], phrase[k], StringComparison.Ordinal);
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }
}
