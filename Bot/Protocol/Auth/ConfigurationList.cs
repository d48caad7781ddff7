using Microsoft.Extensions.Configuration;

namespace SocialBot.Bot.Protocol.Auth;

/// <summary>
/// Reads a list setting written either as one comma-separated value (<c>Key=a,b</c>) or in the indexed form
/// (<c>Key__0=a</c>, <c>Key__1=b</c>); both forms may be combined. Blank entries are dropped, duplicates kept once.
/// </summary>
internal static class ConfigurationList
{
    public static IReadOnlyList<string> Read(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var values = new List<string>();
        AddSplit(values, section.Value);
        foreach (var child in section.GetChildren().OrderBy(c => c.Key, IndexOrder.Instance))
        {
            AddSplit(values, child.Value);
        }

        return values.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
    }

    private static void AddSplit(List<string> values, string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return;
        }

        values.AddRange(raw.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>Orders "2" before "10" so the indexed form keeps the order it was written in.</summary>
    private sealed class IndexOrder : IComparer<string>
    {
        public static readonly IndexOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            var xIsIndex = int.TryParse(x, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var xi);
            var yIsIndex = int.TryParse(y, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var yi);
            return (xIsIndex, yIsIndex) switch
            {
                (true, true) => xi.CompareTo(yi),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(x, y),
            };
        }
    }
}
