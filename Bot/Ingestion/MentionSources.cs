using System.Collections.Frozen;

namespace SocialBot.Bot.Ingestion;

/// <summary>The wire names of <see cref="MentionSource"/> (lower case, as in PRODUCT.md).</summary>
internal static class MentionSources
{
    private static readonly FrozenDictionary<string, MentionSource> ByName =
        Enum.GetValues<MentionSource>().ToFrozenDictionary(WireName, source => source, StringComparer.OrdinalIgnoreCase);

    public static string Listed { get; } = string.Join(", ", Enum.GetValues<MentionSource>().Select(WireName));

    public static string WireName(this MentionSource source) => source.ToString().ToLowerInvariant();

    public static bool TryParse(string name, out MentionSource source) => ByName.TryGetValue(name, out source);
}
