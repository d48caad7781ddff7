using System.Globalization;
using System.Text;

namespace SocialBot.Bot.Features.Drafts.Rules;

/// <summary>
/// Counts post text the way each network counts it, so the counter on the card agrees with the network's own composer.
/// <list type="bullet">
/// <item><b>X</b> (280): X's weighted count. The text is NFC-normalized first (X does this, so "e" + U+0301 is one
/// character and Hangul jamo compose into syllables). Code points in U+0000–U+10FF, U+2000–U+200D, U+2010–U+201F and
/// U+2032–U+2037 weigh 1, every other code point 2. An emoji counts 2 as a whole grapheme cluster, however many code
/// points it has (ZWJ sequences, flags, keycaps, skin tones). Every URL counts 23, with or without a scheme.</item>
/// <item><b>LinkedIn</b> (3000), <b>Instagram</b> (2200), <b>Facebook</b> (63206): Unicode code points. Their
/// documentation says "characters" without defining it; code points agree with their composers for everything but
/// combining sequences, where they may count one less.</item>
/// <item><b>Threads</b> (500): an emoji grapheme costs its UTF-8 byte length (😀 = 4, a four-person ZWJ family = 25);
/// any other character costs 1 per code point. URLs count as written.</item>
/// <item><b>Bluesky</b> (300): extended grapheme clusters (UAX #29, <see cref="StringInfo"/>); URLs as written. The
/// record lexicon also caps the text at 3000 UTF-8 bytes, reported separately.</item>
/// <item><b>Mastodon</b> (instance setting, 500 by default): grapheme clusters like Mastodon's server; every link with
/// <c>http(s)://</c> counts 23; a remote mention <c>@user@instance</c> counts only as <c>@user</c>. Mastodon does not link
/// bare domains, so <c>example.com</c> counts as its 11 characters.</item>
/// </list>
/// "Emoji" here means a grapheme cluster containing U+FE0F (emoji presentation), U+20E3 (keycap), a code point in
/// U+1F000–U+1FAFF (pictographs, regional indicators, skin tones) or a BMP character whose default presentation is
/// emoji (⌚, ☕, ✅, ⭐ …). Text-style symbols such as ☺ or ❤ without U+FE0F are ordinary characters.
/// </summary>
internal static class PostLengthCounter
{
    public const int XLimit = 280;
    public const int LinkedInLimit = 3000;
    public const int InstagramLimit = 2200;
    public const int FacebookLimit = 63206;
    public const int ThreadsLimit = 500;
    public const int BlueskyLimit = 300;
    public const int BlueskyByteLimit = 3000;
    public const int ShortenedUrlLength = 23;

    // BMP code points with Emoji_Presentation=Yes (Unicode emoji-data.txt), as inclusive ranges.
    private static ReadOnlySpan<int> BmpEmojiPresentationRanges =>
    [
        0x231A, 0x231B, 0x23E9, 0x23EC, 0x23F0, 0x23F0, 0x23F3, 0x23F3, 0x25FD, 0x25FE,
        0x2614, 0x2615, 0x2648, 0x2653, 0x267F, 0x267F, 0x2693, 0x2693, 0x26A1, 0x26A1,
        0x26AA, 0x26AB, 0x26BD, 0x26BE, 0x26C4, 0x26C5, 0x26CE, 0x26CE, 0x26D4, 0x26D4,
        0x26EA, 0x26EA, 0x26F2, 0x26F3, 0x26F5, 0x26F5, 0x26FA, 0x26FA, 0x26FD, 0x26FD,
        0x2705, 0x2705, 0x270A, 0x270B, 0x2728, 0x2728, 0x274C, 0x274C, 0x274E, 0x274E,
        0x2753, 0x2755, 0x2757, 0x2757, 0x2795, 0x2797, 0x27B0, 0x27B0, 0x27BF, 0x27BF,
        0x2B1B, 0x2B1C, 0x2B50, 0x2B50, 0x2B55, 0x2B55,
    ];

    public static int Limit(SocialNetwork network, PostRulesSettings settings) => network switch
    {
        SocialNetwork.X => XLimit,
        SocialNetwork.LinkedIn => LinkedInLimit,
        SocialNetwork.Instagram => InstagramLimit,
        SocialNetwork.Facebook => FacebookLimit,
        SocialNetwork.Threads => ThreadsLimit,
        SocialNetwork.Bluesky => BlueskyLimit,
        SocialNetwork.Mastodon => settings.MastodonCharacterLimit,
        _ => throw new ArgumentOutOfRangeException(nameof(network), network, "Unknown social network."),
    };

    /// <summary>Counts <paramref name="scan"/>'s text for <paramref name="network"/>.</summary>
    public static int Count(SocialNetwork network, PostTextScan scan) => network switch
    {
        SocialNetwork.X => CountX(scan),
        SocialNetwork.LinkedIn or SocialNetwork.Instagram or SocialNetwork.Facebook => CountCodePoints(scan.Text),
        SocialNetwork.Threads => CountThreads(scan.Text),
        SocialNetwork.Bluesky => CountGraphemes(scan.Text),
        SocialNetwork.Mastodon => CountMastodon(scan),
        _ => throw new ArgumentOutOfRangeException(nameof(network), network, "Unknown social network."),
    };

    public static int Count(SocialNetwork network, string text) => Count(network, PostTextScan.Scan(text));

    public static int CountX(PostTextScan scan)
    {
        if (!scan.Text.IsNormalized(NormalizationForm.FormC))
        {
            scan = PostTextScan.Scan(scan.Text.Normalize(NormalizationForm.FormC));
        }

        var text = scan.Text.AsSpan();
        var total = 0;
        var position = 0;
        foreach (var token in scan.Tokens)
        {
            if (token.Kind == PostTokenKind.Url)
            {
                total += CountXWeighted(text[position..token.Start]) + ShortenedUrlLength;
                position = token.End;
            }
        }

        return total + CountXWeighted(text[position..]);
    }

    public static int CountMastodon(PostTextScan scan)
    {
        var text = scan.Text.AsSpan();
        var total = 0;
        var position = 0;
        foreach (var token in scan.Tokens)
        {
            if (token.Kind == PostTokenKind.Url && token.HasScheme)
            {
                total += CountGraphemes(text[position..token.Start]) + ShortenedUrlLength;
                position = token.End;
            }
            else if (token.Kind == PostTokenKind.Mention && token.HandleLength < token.Length)
            {
                total += CountGraphemes(text[position..token.Start]) + token.HandleLength;
                position = token.End;
            }
        }

        return total + CountGraphemes(text[position..]);
    }

    public static int CountThreads(ReadOnlySpan<char> text)
    {
        var total = 0;
        while (!text.IsEmpty)
        {
            var length = StringInfo.GetNextTextElementLength(text);
            var grapheme = text[..length];
            total += IsEmoji(grapheme) ? Encoding.UTF8.GetByteCount(grapheme) : CountCodePoints(grapheme);
            text = text[length..];
        }

        return total;
    }

    public static int CountGraphemes(ReadOnlySpan<char> text)
    {
        var total = 0;
        while (!text.IsEmpty)
        {
            text = text[StringInfo.GetNextTextElementLength(text)..];
            total++;
        }

        return total;
    }

    public static int CountCodePoints(ReadOnlySpan<char> text)
    {
        var total = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            total++;
        }

        return total;
    }

    public static int CountUtf8Bytes(ReadOnlySpan<char> text) => Encoding.UTF8.GetByteCount(text);

    /// <summary>Whether a grapheme cluster is an emoji (see the class summary for the definition).</summary>
    public static bool IsEmoji(ReadOnlySpan<char> grapheme)
    {
        foreach (var rune in grapheme.EnumerateRunes())
        {
            var value = rune.Value;
            if (value is 0xFE0F or 0x20E3 or (>= 0x1F000 and <= 0x1FAFF)
                || (value is >= 0x231A and <= 0x2B55 && IsBmpEmojiPresentation(value)))
            {
                return true;
            }
        }

        return false;
    }

    private static int CountXWeighted(ReadOnlySpan<char> text)
    {
        var total = 0;
        while (!text.IsEmpty)
        {
            // ASCII never combines with what follows except CR LF and keycaps; test the cheap case first.
            if (text[0] < 0x80 && (text.Length == 1 || text[1] < 0x80))
            {
                total++;
                text = text[1..];
                continue;
            }

            var length = StringInfo.GetNextTextElementLength(text);
            var grapheme = text[..length];
            if (IsEmoji(grapheme))
            {
                total += 2;
            }
            else
            {
                foreach (var rune in grapheme.EnumerateRunes())
                {
                    total += XWeight(rune.Value);
                }
            }

            text = text[length..];
        }

        return total;
    }

    private static int XWeight(int codePoint) =>
        codePoint is <= 0x10FF or (>= 0x2000 and <= 0x200D) or (>= 0x2010 and <= 0x201F) or (>= 0x2032 and <= 0x2037)
            ? 1
            : 2;

    private static bool IsBmpEmojiPresentation(int codePoint)
    {
        var ranges = BmpEmojiPresentationRanges;
        for (var i = 0; i < ranges.Length; i += 2)
        {
            if (codePoint < ranges[i])
            {
                return false;
            }

            if (codePoint <= ranges[i + 1])
            {
                return true;
            }
        }

        return false;
    }
}
