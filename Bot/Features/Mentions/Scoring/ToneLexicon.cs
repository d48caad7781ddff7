using System.Collections.Frozen;

namespace SocialBot.Bot.Features.Mentions.Scoring;

/// <summary>The word lists of tone and urgency (embedded data files, one entry per line; phrases allowed).</summary>
internal static class ToneLexicon
{
    public static FrozenSet<string> Negative { get; } = Read("negative.en.txt");

    public static FrozenSet<string> Positive { get; } = Read("positive.en.txt");

    public static FrozenSet<string> Urgency { get; } = Read("urgency.en.txt");

    public static FrozenSet<string> Negators { get; } = Read("negators.en.txt");

    private static FrozenSet<string> Read(string fileName)
    {
        var resourceName = "SocialBot.Bot.Features.Mentions.Scoring." + fileName;
        using var stream = typeof(ToneLexicon).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{resourceName}' is missing.");
        using var reader = new StreamReader(stream);
        var entries = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            var entry = line.Trim();
            if (entry.Length > 0 && !entry.StartsWith('#'))
            {
                entries.Add(entry);
            }
        }

        return entries.ToFrozenSet(StringComparer.Ordinal);
    }
}
