using SocialBot.Bot.Features.Drafts.Rules;

namespace SocialBot.Bot.Tests.Features.Drafts.Rules;

/// <summary>Hand-described sample texts; every expectation in the tests is computed from these notes, not by the code under test.</summary>
internal static class PostTextSamples
{
    /// <summary>😀 U+1F600: 1 code point, 2 UTF-16 units, 4 UTF-8 bytes, 1 grapheme.</summary>
    public const string Grin = "\U0001F600";

    /// <summary>👨‍👩‍👧‍👦 man ZWJ woman ZWJ girl ZWJ boy: 7 code points, 11 UTF-16 units, 4×4 + 3×3 = 25 UTF-8 bytes, 1 grapheme.</summary>
    public const string Family = "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466";

    /// <summary>🇩🇪 two regional indicators: 2 code points, 8 UTF-8 bytes, 1 grapheme.</summary>
    public const string FlagGermany = "\U0001F1E9\U0001F1EA";

    /// <summary>1️⃣ digit one + U+FE0F + U+20E3: 3 code points, 1 + 3 + 3 = 7 UTF-8 bytes, 1 grapheme.</summary>
    public const string KeycapOne = "1\uFE0F\u20E3";

    /// <summary>👍🏽 thumbs up + medium skin tone: 2 code points, 8 UTF-8 bytes, 1 grapheme.</summary>
    public const string ThumbsUpMedium = "\U0001F44D\U0001F3FD";

    /// <summary>e + U+0301 combining acute: 2 code points, 1 grapheme; NFC composes it to é U+00E9.</summary>
    public const string ECombiningAcute = "e\u0301";

    /// <summary>Hangul jamo ᄒ ᅡ ᆫ (L V T): 3 code points, 1 grapheme; NFC composes it to 한 U+D55C.</summary>
    public const string HanJamo = "\u1112\u1161\u11AB";

    /// <summary>日本語: 3 CJK code points (U+65E5 U+672C U+8A9E), each 1 grapheme.</summary>
    public const string Nihongo = "\u65E5\u672C\u8A9E";

    /// <summary>日 U+65E5: one CJK code point.</summary>
    public const string Nichi = "\u65E5";

    /// <summary>مرحبا: 5 Arabic letters, all in U+0600–U+06FF.</summary>
    public const string Marhaba = "\u0645\u0631\u062D\u0628\u0627";

    /// <summary>שלום: 4 Hebrew letters, all in U+05D0–U+05EA.</summary>
    public const string Shalom = "\u05E9\u05DC\u05D5\u05DD";

    /// <summary>❤️ U+2764 + U+FE0F: 2 code points, 3 + 3 = 6 UTF-8 bytes, 1 grapheme, emoji presentation.</summary>
    public const string HeartEmoji = "\u2764\uFE0F";

    /// <summary>❤ U+2764 alone: text presentation, 1 code point, 3 UTF-8 bytes.</summary>
    public const string HeartText = "\u2764";

    /// <summary>☕ U+2615: emoji presentation by default, 3 UTF-8 bytes.</summary>
    public const string Coffee = "\u2615";

    /// <summary>25 characters: "https://" (8) + "example.com" (11) + "/a?b=c" (6).</summary>
    public const string SchemeUrl = "https://example.com/a?b=c";

    /// <summary>"https://example.com/" (20) + 100 × 'a' = 120 characters.</summary>
    public static readonly string LongUrl = "https://example.com/" + new string('a', 100);

    /// <summary>Test data names networks by string (the enum is internal); parsed independently of the code under test.</summary>
    public static SocialNetwork Network(string name) => Enum.Parse<SocialNetwork>(name, ignoreCase: true);

    public static string Repeat(string unit, int times) => string.Concat(Enumerable.Repeat(unit, times));
}
