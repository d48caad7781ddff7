using SocialBot.Bot.Features.Drafts.Rules;
using static SocialBot.Bot.Tests.Features.Drafts.Rules.PostTextSamples;

namespace SocialBot.Bot.Tests.Features.Drafts.Rules;

public sealed class PostLengthCounterTests
{
    public static TheoryData<string, string, int> XCases => new()
    {
        { "x", "Hello, world!", 13 },                 // 13 ASCII × 1
        { "x", "Hi " + Grin, 5 },                     // 3 ASCII + 1 emoji (2)
        { "x", Family, 2 },                           // ZWJ sequence is one emoji: 2, not 7 code points
        { "x", FlagGermany, 2 },                      // flag pair: one emoji
        { "x", KeycapOne, 2 },                        // keycap: one emoji
        { "x", ThumbsUpMedium, 2 },                   // skin tone modifier: one emoji
        { "x", "Go" + ECombiningAcute, 3 },           // 2 ASCII + NFC é U+00E9 (weight 1)
        { "x", HanJamo, 2 },                          // NFC 한 U+D55C, outside the weight-1 ranges: 2
        { "x", Nihongo, 6 },                          // 3 CJK × 2
        { "x", Marhaba, 5 },                          // 5 Arabic letters ≤ U+10FF × 1
        { "x", Shalom, 4 },                           // 4 Hebrew letters ≤ U+10FF × 1
        { "x", "\u201CHi\u201D \u2014 ok", 9 },       // “ H i ” space — space o k: 9 code points, all weight 1 (U+2010–U+201F)
        { "x", "Wait\u2026", 6 },                     // 4 ASCII + … U+2026 (outside U+2010–U+201F: 2)
        { "x", "\u20AC5", 3 },                        // € U+20AC (2) + 5 (1)
        { "x", HeartEmoji, 2 },                       // ❤️ one emoji
        { "x", HeartText, 2 },                        // ❤ U+2764 > U+10FF: weight 2
        { "x", SchemeUrl, 23 },                       // any URL: 23
        { "x", "Read " + SchemeUrl + " now", 32 },    // 5 + 23 + 4
        { "x", "example.com", 23 },                   // bare domain, generic TLD: URL
        { "x", "Visit example.com.", 30 },            // 6 + 23 + final "." 1
        { "x", "www.example.org/x", 23 },             // bare domain with path
        { "x", LongUrl, 23 },                         // 120-character URL still 23
        { "x", "a.com b.org", 47 },                   // 23 + space 1 + 23
        { "x", "e.g. this", 9 },                      // "g" is no TLD: 9 characters
        { "x", "v1.2 ships", 10 },                    // "2" is no TLD: 10 characters
        { "x", "file.txt", 8 },                       // "txt" is no TLD: 8 characters
        { "x", "readme.md", 9 },                      // "md" left out of the TLD list: 9 characters
        { "x", "example.io", 10 },                    // two labels on a ccTLD without a path: not a link
        { "x", "example.io/x", 23 },                  // ... with a path it is
        { "x", "mail me@example.com", 19 },           // e-mail address is not a link: 19 characters
        { "x", "http://localhost:8080", 23 },         // scheme URL needs no TLD
    };

    public static TheoryData<string, string, int> OtherNetworkCases => new()
    {
        { "linkedin", "Hello, world!", 13 },          // 13 code points
        { "linkedin", Grin, 1 },                      // 1 code point (2 UTF-16 units)
        { "linkedin", Family, 7 },                    // 7 code points
        { "linkedin", FlagGermany, 2 },               // 2 code points
        { "linkedin", KeycapOne, 3 },                 // 3 code points
        { "linkedin", ECombiningAcute, 2 },           // 2 code points, no normalization
        { "linkedin", HanJamo, 3 },                   // 3 code points
        { "linkedin", Nihongo, 3 },                   // 3 code points
        { "linkedin", SchemeUrl, 25 },                // URLs as written: 25
        { "instagram", Family, 7 },                   // 7 code points
        { "instagram", "Hi " + Grin, 4 },             // 3 + 1 code point
        { "facebook", ThumbsUpMedium, 2 },            // 2 code points
        { "facebook", Marhaba, 5 },                   // 5 code points
        { "threads", "Hello, world!", 13 },           // 13 × 1
        { "threads", "Hi " + Grin, 7 },               // 3 + 😀 4 bytes
        { "threads", Family, 25 },                    // 4×4 + 3×3 bytes
        { "threads", FlagGermany, 8 },                // 2×4 bytes
        { "threads", KeycapOne, 7 },                  // 1 + 3 + 3 bytes
        { "threads", ThumbsUpMedium, 8 },             // 2×4 bytes
        { "threads", ECombiningAcute, 2 },            // not emoji: 2 code points
        { "threads", HanJamo, 3 },                    // not emoji: 3 code points
        { "threads", Nihongo, 3 },                    // 3 code points
        { "threads", Shalom, 4 },                     // 4 code points
        { "threads", HeartEmoji, 6 },                 // 3 + 3 bytes
        { "threads", HeartText, 1 },                  // text-style ❤: an ordinary character
        { "threads", Coffee, 3 },                     // ☕ emoji presentation: 3 bytes
        { "threads", SchemeUrl, 25 },                 // URLs as written
        { "bluesky", "Hello, world!", 13 },           // 13 graphemes
        { "bluesky", "Hi " + Grin, 4 },               // 3 + 1 grapheme
        { "bluesky", Family, 1 },                     // 1 grapheme
        { "bluesky", FlagGermany, 1 },                // 1 grapheme
        { "bluesky", FlagGermany + FlagGermany, 2 },  // 4 regional indicators pair up: 2 graphemes
        { "bluesky", KeycapOne, 1 },                  // 1 grapheme
        { "bluesky", ThumbsUpMedium, 1 },             // 1 grapheme
        { "bluesky", ECombiningAcute, 1 },            // 1 grapheme
        { "bluesky", HanJamo, 1 },                    // L V T: 1 grapheme
        { "bluesky", Nihongo, 3 },                    // 3 graphemes
        { "bluesky", Marhaba, 5 },                    // 5 graphemes
        { "bluesky", SchemeUrl, 25 },                 // URLs as written
        { "mastodon", "Hello, world!", 13 },          // 13 graphemes
        { "mastodon", SchemeUrl, 23 },                // scheme URL: 23
        { "mastodon", "Read " + SchemeUrl + " now", 32 }, // 5 + 23 + 4
        { "mastodon", LongUrl, 23 },                  // 120-character URL: 23
        { "mastodon", "example.com", 11 },            // Mastodon does not link bare domains: 11
        { "mastodon", "Hi @alice@mastodon.social!", 10 }, // "Hi " 3 + "@alice" 6 + "!" 1
        { "mastodon", "Hi @alice", 9 },               // local mention as written
        { "mastodon", Family, 1 },                    // 1 grapheme
        { "mastodon", "Hi " + Grin, 4 },              // 3 + 1 grapheme
    };

    [Theory]
    [MemberData(nameof(XCases))]
    [MemberData(nameof(OtherNetworkCases))]
    public void Count_SampleText_CountsLikeTheNetwork(string networkName, string text, int expected)
    {
        Assert.Equal(expected, PostLengthCounter.Count(Network(networkName), text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Count_EmptyOrBlank_CountsAsWritten(string text)
    {
        foreach (var network in SocialNetworkNames.All)
        {
            Assert.Equal(text.Length, PostLengthCounter.Count(network, text));
        }
    }

    [Theory]
    [InlineData("x", 280)]
    [InlineData("linkedin", 3000)]
    [InlineData("instagram", 2200)]
    [InlineData("facebook", 63206)]
    [InlineData("threads", 500)]
    [InlineData("bluesky", 300)]
    [InlineData("mastodon", 500)]
    public void Limit_DefaultSettings_IsTheNetworksLimit(string networkName, int expected)
    {
        Assert.Equal(expected, PostLengthCounter.Limit(Network(networkName), PostRulesSettings.Default));
    }

    [Fact]
    public void Limit_MastodonInstanceSetting_IsUsed()
    {
        Assert.Equal(1000, PostLengthCounter.Limit(SocialNetwork.Mastodon, new PostRulesSettings { MastodonCharacterLimit = 1000 }));
    }
}
