using System.Text;

namespace SocialBot.Cards.AdaptiveCards;

/// <summary>
/// Makes user text render literally in a <see cref="TextBlock"/> or <see cref="Fact"/>, which interpret a markdown
/// subset (bold, italic, lists, links).
/// </summary>
/// <remarks>
/// Escaping uses a backslash, which the Adaptive Card markdown renderers (CommonMark-based) drop before any ASCII
/// punctuation, so an unnecessary escape is harmless. Escaped everywhere: <c>\ * _ ` [ ]</c>
/// (emphasis, code spans, links; with the brackets escaped a <c>(url)</c> can no longer form a link). Escaped only at the start of a line
/// (after optional spaces): <c>- + # &gt; |</c> and the <c>.</c> or <c>)</c> after a leading number, which would start
/// lists, headings, quotes and tables. Everything else (emoji, right-to-left text, quotes, braces, <c>${…}</c>) is
/// kept as is: JSON escaping is the serializer's job, and cards are never templated.
/// For text that needs no formatting at all, a <see cref="TextRun"/> is an alternative: it never interprets markdown.
/// </remarks>
public static class CardText
{
    private const string EscapedAnywhere = "\\*_`[]";
    private const string EscapedAtLineStart = "-+#>|";

    /// <summary>Escapes <paramref name="text"/> so it renders literally (see remarks for the characters).</summary>
    /// <param name="text">User text.</param>
    public static string Plain(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 16);
        var lineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\n' or '\r')
            {
                builder.Append(c);
                lineStart = true;
                continue;
            }

            if (lineStart && c is ' ' or '\t')
            {
                builder.Append(c);
                continue;
            }

            if (lineStart && char.IsAsciiDigit(c))
            {
                var end = i;
                while (end < text.Length && char.IsAsciiDigit(text[end]))
                {
                    end++;
                }

                builder.Append(text, i, end - i);
                if (end < text.Length && text[end] is '.' or ')')
                {
                    builder.Append('\\').Append(text[end]);
                    end++;
                }

                i = end - 1;
                lineStart = false;
                continue;
            }

            if (EscapedAnywhere.Contains(c, StringComparison.Ordinal) || (lineStart && EscapedAtLineStart.Contains(c, StringComparison.Ordinal)))
            {
                builder.Append('\\');
            }

            builder.Append(c);
            lineStart = false;
        }

        return builder.ToString();
    }
}
