using System.Globalization;

namespace SocialBot.Bot.Features.Drafts;

/// <summary>Draft ids are <c>P-</c> plus a per-tenant sequence; people type them as "p-42" or "P 42" too.</summary>
internal static class DraftId
{
    public const string Prefix = "P-";

    public static string From(long sequence) => Prefix + sequence.ToString(CultureInfo.InvariantCulture);

    /// <summary>The canonical id ("P-42"), or false when the text is not a draft id.</summary>
    public static bool TryParse(string? text, out string id)
    {
        id = string.Empty;
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length < 2 || char.ToUpperInvariant(trimmed[0]) != 'P')
        {
            return false;
        }

        var digits = trimmed[1..].TrimStart('-', ' ', '#');
        if (digits.Length is 0 or > 9 || !digits.All(char.IsAsciiDigit)
            || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || sequence < 1)
        {
            return false;
        }

        id = From(sequence);
        return true;
    }
}
