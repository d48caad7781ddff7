using System.Globalization;
using System.Text;

namespace SocialBot.Bot.Features.Drafts.Rules;

/// <summary>Finds banned words or phrases as whole words, ignoring case and accents ("Café" matches "cafe").</summary>
internal static class BannedWordMatcher
{
    /// <summary>The configured entries (as the team wrote them) that occur in <paramref name="text"/>, in configuration order.</summary>
    public static IReadOnlyList<string> FindIn(string text, IReadOnlyList<string> bannedWords)
    {
        if (bannedWords.Count == 0 || string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var foldedText = Fold(text);
        List<string>? found = null;
        List<string>? foundFolded = null;
        foreach (var banned in bannedWords)
        {
            if (string.IsNullOrWhiteSpace(banned))
            {
                continue;
            }

            var word = banned.Trim();
            var foldedWord = Fold(word);
            if (ContainsWholeWord(foldedText, foldedWord) && !(foundFolded ??= []).Contains(foldedWord))
            {
                foundFolded.Add(foldedWord);
                (found ??= []).Add(word);
            }
        }

        return found ?? (IReadOnlyList<string>)[];
    }

    private static bool ContainsWholeWord(string text, string word)
    {
        var from = 0;
        while (from <= text.Length - word.Length)
        {
            var index = text.IndexOf(word, from, StringComparison.Ordinal);
            if (index < 0)
            {
                return false;
            }

            var end = index + word.Length;
            if ((index == 0 || !IsWordChar(text[index - 1])) && (end == text.Length || !IsWordChar(text[end])))
            {
                return true;
            }

            from = index + 1;
        }

        return false;
    }

    private static bool IsWordChar(char c) => c == '_' || char.IsLetterOrDigit(c);

    private static string Fold(string value)
    {
        var decomposed = value.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}
