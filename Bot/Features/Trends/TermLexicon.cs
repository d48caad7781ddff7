using System.Collections.Frozen;
using Humanizer;

namespace SocialBot.Bot.Features.Trends;

/// <summary>Stop words and plural exceptions, read once from the embedded data files next to this class.</summary>
internal static class TermLexicon
{
    private static readonly FrozenSet<string> EnglishStopWords = FrozenSet.Create(StringComparer.Ordinal, [.. ReadLines("stopwords.en.txt")]);

    private static readonly FrozenDictionary<string, string> EnglishPluralExceptions = ReadLines("plurals.en.txt")
        .Select(line => line.Split('=', 2, StringSplitOptions.TrimEntries))
        .ToFrozenDictionary(parts => parts[0], parts => parts.Length == 2 ? parts[1] : parts[0], StringComparer.Ordinal);

    public static int StopWordCount => EnglishStopWords.Count;

    public static bool IsStopWord(string foldedWord) => EnglishStopWords.Contains(foldedWord);

    /// <summary>English plural → singular. Short words and Latin/Greek-looking endings are left alone.</summary>
    public static string Singular(string foldedWord)
    {
        if (EnglishPluralExceptions.TryGetValue(foldedWord, out var singular))
        {
            return singular;
        }

        // Humanizer turns "has" into "ha", "status" into "statu", "analysis" into "analysi" and so on.
        if (foldedWord.Length <= 3
            || !foldedWord.EndsWith('s')
            || foldedWord.EndsWith("ss", StringComparison.Ordinal)
            || foldedWord.EndsWith("us", StringComparison.Ordinal)
            || foldedWord.EndsWith("is", StringComparison.Ordinal)
            || !IsPlainLetters(foldedWord))
        {
            return foldedWord;
        }

        var result = foldedWord.Singularize(inputIsKnownToBePlural: false);
        return result.Length >= 2 ? result : foldedWord;
    }

    private static bool IsPlainLetters(string word)
    {
        foreach (var c in word)
        {
            if (!char.IsAsciiLetterLower(c))
            {
                return false;
            }
        }

        return true;
    }

    private static IEnumerable<string> ReadLines(string fileName)
    {
        var resourceName = "SocialBot.Bot.Features.Trends." + fileName;
        using var stream = typeof(TermLexicon).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{resourceName}' is missing.");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            var trimmed = line.Trim();
            if (trimmed.Length > 0 && trimmed[0] != '#')
            {
                lines.Add(trimmed);
            }
        }

        return lines;
    }
}
