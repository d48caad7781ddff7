using System.Globalization;
using System.Text;

namespace SocialBot.Bot.Features.Trends;

/// <summary>Normalization shared by extraction and by the <c>trends</c> filter, so both compare the same keys.</summary>
internal static class TermText
{
    /// <summary>Lower case (invariant) with accents removed from Latin and Greek letters: "Café" → "cafe".</summary>
    public static string Fold(string text)
    {
        var lower = text.ToLowerInvariant();
        if (Ascii.IsValid(lower))
        {
            return lower;
        }

        var decomposed = lower.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var previousBase = '\0';
        foreach (var c in decomposed)
        {
            // Only marks on Latin/Greek letters are accents; on kana (dakuten) or Cyrillic (й) they change the letter.
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark && IsAccentedScript(previousBase))
            {
                continue;
            }

            builder.Append(c);
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                previousBase = c;
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    private static bool IsAccentedScript(char c) => c is (> '\0' and < '\u0400') or (>= '\u1E00' and <= '\u1FFF');
}
