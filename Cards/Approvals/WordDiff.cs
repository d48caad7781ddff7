using System.Text.RegularExpressions;

namespace SocialBot.Cards.Approvals;

/// <summary>A word-level diff (longest common subsequence) for "what changed since the last version".</summary>
public static partial class WordDiff
{
    /// <summary>Above this many words per side the diff says only that the whole text changed.</summary>
    public const int MaxWords = 1500;

    /// <summary>Pieces of <paramref name="after"/> and the removed words of <paramref name="before"/>, in reading order.</summary>
    /// <param name="before">The version the approvers saw.</param>
    /// <param name="after">The new version.</param>
    public static IReadOnlyList<DiffPiece> Between(string before, string after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var a = Tokens().Matches(before).Select(m => m.Value).ToArray();
        var b = Tokens().Matches(after).Select(m => m.Value).ToArray();
        if (a.Length > MaxWords || b.Length > MaxWords)
        {
            return [new DiffPiece(before, -1), new DiffPiece(after, 1)];
        }

        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = Same(a[i], b[j]) ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var pieces = new List<DiffPiece>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && Same(a[x], b[y]))
            {
                Add(pieces, b[y], 0);
                x++;
                y++;
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                Add(pieces, b[y], 1);
                y++;
            }
            else
            {
                Add(pieces, a[x], -1);
                x++;
            }
        }

        return pieces;
    }

    private static bool Same(string a, string b) => string.Equals(a.TrimEnd(), b.TrimEnd(), StringComparison.Ordinal);

    private static void Add(List<DiffPiece> pieces, string token, int kind)
    {
        if (pieces.Count > 0 && pieces[^1].Kind == kind)
        {
            pieces[^1] = pieces[^1] with { Text = pieces[^1].Text + token };
        }
        else
        {
            pieces.Add(new DiffPiece(token, kind));
        }
    }

    [GeneratedRegex(@"\S+\s*", RegexOptions.CultureInvariant)]
    private static partial Regex Tokens();
}
