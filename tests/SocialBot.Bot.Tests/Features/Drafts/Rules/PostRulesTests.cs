using SocialBot.Bot.Features.Drafts.Rules;
using static SocialBot.Bot.Tests.Features.Drafts.Rules.PostTextSamples;

namespace SocialBot.Bot.Tests.Features.Drafts.Rules;

public sealed class PostRulesTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 2, 10, 0, 0, TimeSpan.Zero);

    private static readonly PostImage Photo = new("https://cdn.example.com/p.jpg", "Team photo at the launch");

    private static readonly PostContent Base = new()
    {
        Text = "Launching our new product today, come see it",
        Networks = [SocialNetwork.X],
    };

    private static PostContent On(string text, params SocialNetwork[] networks) => Base with { Text = text, Networks = networks };

    private static PostImage[] Photos(int count) => Enumerable.Range(1, count).Select(i => Photo with { Url = $"https://cdn.example.com/{i}.jpg" }).ToArray();

    private sealed record RuleCase(PostContent Content, string Code, bool Expected, PostRulesSettings? Settings = null);

    // Each rule triggered and not triggered. Keys are the test case names.
    private static readonly Dictionary<string, RuleCase> RuleCases = new()
    {
        ["empty text"] = new(Base with { Text = "" }, "text.empty", true),
        ["blank text"] = new(Base with { Text = "  \n " }, "text.empty", true),
        ["some text"] = new(Base, "text.empty", false),

        ["no network"] = new(Base with { Networks = [] }, "networks.none", true),
        ["one network"] = new(Base, "networks.none", false),

        ["x 4 hashtags"] = new(On("Launch #one #two #three #four", SocialNetwork.X), "x.many-hashtags", true),
        ["x 3 hashtags"] = new(On("Launch #one #two #three", SocialNetwork.X), "x.many-hashtags", false),
        ["x 4 hashtags, threshold 5"] = new(On("Launch #one #two #three #four", SocialNetwork.X), "x.many-hashtags", false,
            new PostRulesSettings { HashtagWarningThreshold = 5 }),
        ["x 4 hashtags, X not selected"] = new(On("Launch #one #two #three #four", SocialNetwork.Facebook), "x.many-hashtags", false),

        ["linkedin 4 hashtags"] = new(On("Launch #one #two #three #four", SocialNetwork.LinkedIn), "linkedin.many-hashtags", true),
        ["linkedin 3 hashtags"] = new(On("Launch #one #two #three", SocialNetwork.LinkedIn), "linkedin.many-hashtags", false),

        ["linkedin parentheses"] = new(On("Thanks (everyone) for coming", SocialNetwork.LinkedIn), "linkedin.reserved-characters", true),
        ["linkedin mention @"] = new(On("Thanks @acme for coming", SocialNetwork.LinkedIn), "linkedin.reserved-characters", true),
        ["linkedin plain text"] = new(On("Thanks everyone for coming", SocialNetwork.LinkedIn), "linkedin.reserved-characters", false),
        ["linkedin reserved but X only"] = new(On("Thanks (everyone)", SocialNetwork.X), "linkedin.reserved-characters", false),

        ["instagram no image"] = new(On("Our new office", SocialNetwork.Instagram), "instagram.needs-image", true),
        ["instagram blank image url"] = new(On("Our new office", SocialNetwork.Instagram) with { Images = [new PostImage(" ", "alt")] },
            "instagram.needs-image", true),
        ["instagram with image"] = new(On("Our new office", SocialNetwork.Instagram) with { Images = [Photo] }, "instagram.needs-image", false),
        ["no image, instagram not selected"] = new(On("Our new office", SocialNetwork.X), "instagram.needs-image", false),

        ["instagram 6 hashtags, cap 5"] = new(On("New #a #b #c #d #e #f", SocialNetwork.Instagram), "instagram.too-many-hashtags", true),
        ["instagram 5 hashtags, cap 5"] = new(On("New #a #b #c #d #e", SocialNetwork.Instagram), "instagram.too-many-hashtags", false),
        ["instagram 6 hashtags, cap 10"] = new(On("New #a #b #c #d #e #f", SocialNetwork.Instagram), "instagram.too-many-hashtags", false,
            new PostRulesSettings { InstagramHashtagCap = 10 }),
        ["instagram 31 hashtags, cap 50 clamps to 30"] = new(
            On("New " + string.Join(' ', Enumerable.Range(1, 31).Select(i => $"#tag{i}")), SocialNetwork.Instagram),
            "instagram.too-many-hashtags", true, new PostRulesSettings { InstagramHashtagCap = 50 }),

        ["instagram url in caption"] = new(On("Details at example.com/launch", SocialNetwork.Instagram), "instagram.links-not-clickable", true),
        ["instagram link field"] = new(On("Details soon", SocialNetwork.Instagram) with { Link = "https://example.com/launch" },
            "instagram.links-not-clickable", true),
        ["instagram no link, e.g. is not one"] = new(On("Big day, e.g. cake", SocialNetwork.Instagram), "instagram.links-not-clickable", false),

        ["threads two tags"] = new(On("Launch day #launch #product", SocialNetwork.Threads), "threads.too-many-tags", true),
        ["threads same tag twice"] = new(On("Launch day #launch #LAUNCH", SocialNetwork.Threads), "threads.too-many-tags", false),
        ["threads one tag"] = new(On("Launch day #launch", SocialNetwork.Threads), "threads.too-many-tags", false),

        ["bluesky 5 images"] = new(On("Gallery", SocialNetwork.Bluesky) with { Images = Photos(5) }, "bluesky.too-many-images", true),
        ["bluesky 4 images"] = new(On("Gallery", SocialNetwork.Bluesky) with { Images = Photos(4) }, "bluesky.too-many-images", false),
        ["5 images, bluesky not selected"] = new(On("Gallery", SocialNetwork.Facebook) with { Images = Photos(5) }, "bluesky.too-many-images", false),

        // 300 families: 300 graphemes (within the limit) but 300 × 25 = 7500 UTF-8 bytes > 3000.
        ["bluesky 300 families"] = new(On(Repeat(Family, 300), SocialNetwork.Bluesky), "bluesky.too-many-bytes", true),
        ["bluesky 300 families, not too long"] = new(On(Repeat(Family, 300), SocialNetwork.Bluesky), "bluesky.too-long", false),
        // 120 families: 120 × 25 = 3000 bytes, exactly the byte limit.
        ["bluesky 120 families"] = new(On(Repeat(Family, 120), SocialNetwork.Bluesky), "bluesky.too-many-bytes", false),

        ["image without alt"] = new(Base with { Images = [new PostImage("https://cdn.example.com/a.jpg")] }, "image.no-alt-text", true),
        ["image with blank alt"] = new(Base with { Images = [new PostImage("https://cdn.example.com/a.jpg", "  ")] }, "image.no-alt-text", true),
        ["image with alt"] = new(Base with { Images = [Photo] }, "image.no-alt-text", false),
        ["no image"] = new(Base, "image.no-alt-text", false),

        ["banned word, accent and case"] = new(On("Meet us at the CAFÉ!", SocialNetwork.X), "text.banned-word", true,
            new PostRulesSettings { BannedWords = ["cafe"] }),
        ["banned word with accent in setting"] = new(On("Meet us at the cafe", SocialNetwork.X), "text.banned-word", true,
            new PostRulesSettings { BannedWords = ["Café"] }),
        ["banned word inside a longer word"] = new(On("Meet us in the cafeteria", SocialNetwork.X), "text.banned-word", false,
            new PostRulesSettings { BannedWords = ["cafe"] }),
        ["banned phrase"] = new(On("Get FREE money now", SocialNetwork.X), "text.banned-word", true,
            new PostRulesSettings { BannedWords = ["free money"] }),
        ["banned word as hashtag"] = new(On("Totally not a #scam", SocialNetwork.X), "text.banned-word", true,
            new PostRulesSettings { BannedWords = ["scam"] }),
        ["no banned words configured"] = new(On("Get free money now", SocialNetwork.X), "text.banned-word", false),

        ["sponsored without tag"] = new(Base with { Sponsored = true }, "sponsored.no-disclosure", true),
        ["sponsored with #Ad"] = new(Base with { Text = "New product #Ad", Sponsored = true }, "sponsored.no-disclosure", false),
        ["sponsored with #sponsored"] = new(Base with { Text = "New product #sponsored", Sponsored = true }, "sponsored.no-disclosure", false),
        ["sponsored with #adventure only"] = new(Base with { Text = "New product #adventure", Sponsored = true }, "sponsored.no-disclosure", true),
        ["not sponsored"] = new(Base, "sponsored.no-disclosure", false),

        // B I G N E W S T O D A Y: 12 letters, all upper case.
        ["all caps"] = new(On("BIG NEWS TODAY!", SocialNetwork.X), "text.all-caps", true),
        // 7 letters: too few to judge.
        ["short all caps"] = new(On("BIG NEWS", SocialNetwork.X), "text.all-caps", false),
        ["sentence case"] = new(On("Big news today everyone", SocialNetwork.X), "text.all-caps", false),
        // Outside the tag: GO TEAM NOW GO = 11 upper, 0 lower → shouting; the tag's 21 lower-case letters are ignored.
        ["all caps with lower-case hashtag"] = new(On("GO TEAM #lowercasehashtagshere NOW GO", SocialNetwork.X), "text.all-caps", true),
        // THIS IS A BIG DAY FOR ALL OF OUR FANS x: 28 upper, 1 lower → 28/29 ≥ 90%.
        ["mostly caps"] = new(On("THIS IS A BIG DAY FOR ALL OF OUR FANS x", SocialNetwork.X), "text.all-caps", true),
        // WOW THIS IS big news: 9 upper, 7 lower → 56%.
        ["half caps"] = new(On("WOW THIS IS big news", SocialNetwork.X), "text.all-caps", false),
        // Outside the mentions: WE LOVE AND = 9 upper, 0 lower → shouting; the handles' lower case is ignored.
        ["all caps with lower-case mentions"] = new(On("WE LOVE @acmecorp AND @bigteam", SocialNetwork.X), "text.all-caps", true),
        // CJK has no case: 0 cased letters.
        ["cjk text"] = new(On(Repeat(Nihongo, 5), SocialNetwork.X), "text.all-caps", false),

        ["publish in the past"] = new(Base with { PublishAt = Now.AddMinutes(-1) }, "publish.in-past", true),
        ["publish in the future"] = new(Base with { PublishAt = Now.AddMinutes(1) }, "publish.in-past", false),
        ["publish now"] = new(Base with { PublishAt = Now }, "publish.in-past", false),
        ["no publish time"] = new(Base, "publish.in-past", false),
    };

    public static TheoryData<string> RuleCaseNames => new(RuleCases.Keys);

    [Theory]
    [MemberData(nameof(RuleCaseNames))]
    public void Check_RuleCase_ReportsCodeOnlyWhenTriggered(string caseName)
    {
        var ruleCase = RuleCases[caseName];

        var report = PostRules.Check(ruleCase.Content, ruleCase.Settings ?? PostRulesSettings.Default, Now);

        Assert.Equal(ruleCase.Expected, report.Findings.Any(f => f.Code == ruleCase.Code));
    }

    // Length at and over each limit. Expected counts: unit weight × repeat + suffix weight.
    public static TheoryData<string, string, int, string, int, int> LimitCases => new()
    {
        { "x", "a", 280, "", 280, 0 },
        { "x", "a", 281, "", 281, 1 },
        { "x", Nichi, 140, "", 280, 0 },                      // 140 CJK × 2
        { "x", Nichi, 141, "", 282, 2 },                      // 141 CJK × 2
        { "x", "a", 278, Grin, 280, 0 },                      // 278 + emoji 2
        { "x", "a", 279, Grin, 281, 1 },                      // 279 + emoji 2
        { "x", "a", 256, " " + LongUrl, 280, 0 },             // 256 + space 1 + URL 23
        { "x", "a", 257, " " + LongUrl, 281, 1 },             // 257 + 1 + 23
        { "x", "a", 268, " " + Family + " " + FlagGermany + " " + KeycapOne + " " + ThumbsUpMedium, 280, 0 }, // 268 + 4 spaces + 4 emoji × 2
        { "x", "a", 269, " " + Family + " " + FlagGermany + " " + KeycapOne + " " + ThumbsUpMedium, 281, 1 }, // 269 + 4 + 8
        { "linkedin", "a", 3000, "", 3000, 0 },
        { "linkedin", "a", 3001, "", 3001, 1 },
        { "linkedin", "a", 2999, Grin, 3000, 0 },             // 2999 + 1 code point (UTF-16 would say 3001)
        { "instagram", "a", 2200, "", 2200, 0 },
        { "instagram", "a", 2201, "", 2201, 1 },
        { "facebook", "a", 63206, "", 63206, 0 },
        { "facebook", "a", 63207, "", 63207, 1 },
        { "threads", "a", 500, "", 500, 0 },
        { "threads", "a", 501, "", 501, 1 },
        { "threads", "a", 496, Grin, 500, 0 },                // 496 + 4 bytes
        { "threads", "a", 497, Grin, 501, 1 },                // 497 + 4 bytes
        { "threads", "a", 475, Family, 500, 0 },              // 475 + 25 bytes
        { "bluesky", "a", 300, "", 300, 0 },
        { "bluesky", "a", 301, "", 301, 1 },
        { "bluesky", "a", 299, Family, 300, 0 },              // 299 + 1 grapheme
        { "bluesky", ECombiningAcute, 301, "", 301, 1 },      // 301 graphemes (602 code points)
        { "mastodon", "a", 500, "", 500, 0 },
        { "mastodon", "a", 501, "", 501, 1 },
        { "mastodon", "a", 476, " " + LongUrl, 500, 0 },      // 476 + 1 + URL 23
    };

    [Theory]
    [MemberData(nameof(LimitCases))]
    public void Check_TextAroundLimit_CountsAndBlocksOnlyWhenOver(
        string networkName, string unit, int repeat, string suffix, int expectedUsed, int expectedOver)
    {
        var network = Network(networkName);

        var report = PostRules.Check(On(Repeat(unit, repeat) + suffix, network), PostRulesSettings.Default, Now);

        var count = Assert.Single(report.Counts);
        Assert.Equal(network, count.Network);
        Assert.Equal(expectedUsed, count.Used);
        Assert.Equal(expectedOver, count.Over);
        Assert.Equal(expectedOver > 0, report.Findings.Any(f => f.Code == $"{network.WireName()}.too-long" && f.Severity == RuleSeverity.Error));
    }

    [Theory]
    [InlineData(1000, 1000, 0)]
    [InlineData(1001, 1000, 1)]
    [InlineData(501, 1000, 0)]
    [InlineData(400, 400, 0)]
    [InlineData(401, 400, 1)]
    public void Check_MastodonInstanceLimit_UsesSetting(int letters, int instanceLimit, int expectedOver)
    {
        var settings = new PostRulesSettings { MastodonCharacterLimit = instanceLimit };

        var report = PostRules.Check(On(new string('a', letters), SocialNetwork.Mastodon), settings, Now);

        var count = Assert.Single(report.Counts);
        Assert.Equal(instanceLimit, count.Limit);
        Assert.Equal(expectedOver, count.Over);
        Assert.Equal(expectedOver > 0, report.Findings.Any(f => f.Code == "mastodon.too-long"));
    }

    [Fact]
    public void Check_XTwelveOver_ExplainsLimitAndOverage()
    {
        var report = PostRules.Check(On(new string('a', 292), SocialNetwork.X), PostRulesSettings.Default, Now);

        var finding = Assert.Single(report.Findings);
        Assert.Equal(new RuleFinding(RuleSeverity.Error, SocialNetwork.X, "x.too-long", "X allows 280 characters; this is 12 over."), finding);
        Assert.Equal("X 292/280 — 12 over", Assert.Single(report.Counts).Display);
        Assert.False(report.CanSubmit);
    }

    [Fact]
    public void Check_LinkedInOver_FormatsThousands()
    {
        var report = PostRules.Check(On(new string('a', 3010), SocialNetwork.LinkedIn), PostRulesSettings.Default, Now);

        Assert.Equal("LinkedIn allows 3,000 characters; this is 10 over.", Assert.Single(report.Findings).Message);
    }

    [Fact]
    public void Check_LinkedInReservedCharacters_NamesThem()
    {
        var report = PostRules.Check(On("Thanks @acme (and *you*)", SocialNetwork.LinkedIn), PostRulesSettings.Default, Now);

        var finding = Assert.Single(report.Findings);
        Assert.Equal(RuleSeverity.Warning, finding.Severity);
        Assert.Equal("LinkedIn escapes ( ) @ * when the post is published, so they show as plain text.", finding.Message);
    }

    [Fact]
    public void Check_WarningsOnly_CanSubmit()
    {
        var content = Base with { Text = "BIG LAUNCH TODAY #ad", Sponsored = true, PublishAt = Now.AddDays(-1), Images = [new PostImage("https://cdn.example.com/a.jpg")] };

        var report = PostRules.Check(content, PostRulesSettings.Default, Now);

        Assert.Equal(["image.no-alt-text", "publish.in-past", "text.all-caps"], report.Findings.Select(f => f.Code).Order());
        Assert.All(report.Findings, f => Assert.Equal(RuleSeverity.Warning, f.Severity));
        Assert.True(report.CanSubmit);
    }

    [Fact]
    public void Check_ErrorsAndWarnings_ListsErrorsFirst()
    {
        var content = On("Our new office", SocialNetwork.Instagram, SocialNetwork.X) with { PublishAt = Now.AddHours(-1) };

        var report = PostRules.Check(content, PostRulesSettings.Default, Now);

        Assert.Equal(["instagram.needs-image", "publish.in-past"], report.Findings.Select(f => f.Code));
        Assert.Equal(SocialNetwork.Instagram, report.Findings[0].Network);
        Assert.Null(report.Findings[1].Network);
        Assert.False(report.CanSubmit);
    }

    [Fact]
    public void Check_NetworksInAnyOrderWithDuplicates_CountsEachOnceInFormOrder()
    {
        // "Hi 😀": X 3 + 2 = 5, Threads 3 + 4 = 7, Mastodon 3 + 1 = 4.
        var report = PostRules.Check(On("Hi " + Grin, SocialNetwork.Mastodon, SocialNetwork.X, SocialNetwork.Threads, SocialNetwork.X), PostRulesSettings.Default, Now);

        Assert.Equal(["X 5/280", "Threads 7/500", "Mastodon 4/500"], report.Counts.Select(c => c.Display));
    }

    [Fact]
    public void Check_LinkField_IsNotCounted()
    {
        var content = On("Hello", SocialNetwork.X) with { Link = LongUrl };

        var report = PostRules.Check(content, PostRulesSettings.Default, Now);

        Assert.Equal(5, Assert.Single(report.Counts).Used); // "Hello" only
    }

    [Fact]
    public void Check_ManyBannedWords_NamesEachOnceInSettingOrder()
    {
        var settings = new PostRulesSettings { BannedWords = ["guaranteed", "cheap", "unused", "Cheap"] };

        var report = PostRules.Check(On("Cheap and guaranteed, really cheap", SocialNetwork.X), settings, Now);

        Assert.Equal("“guaranteed”, “cheap” are on your team's banned-words list.", Assert.Single(report.Findings).Message);
    }

    [Theory]
    [InlineData("Launch #launch #product", "Threads uses one topic tag: #launch becomes the topic and the other tag stays plain text.")]
    [InlineData("Launch #Launch #product #news #product", "Threads uses one topic tag: #Launch becomes the topic and the other 2 stay plain text.")]
    public void Check_ThreadsSeveralTags_NamesTheTopic(string text, string expected)
    {
        var report = PostRules.Check(On(text, SocialNetwork.Threads), PostRulesSettings.Default, Now);

        Assert.Equal(expected, Assert.Single(report.Findings).Message);
    }

    [Theory]
    [InlineData(1, 1, "The image has no alt text; add a short description for people using screen readers.")]
    [InlineData(3, 1, "1 of 3 images has no alt text; add a short description for people using screen readers.")]
    [InlineData(3, 2, "2 of 3 images have no alt text; add a short description for people using screen readers.")]
    public void Check_ImagesWithoutAlt_CountsThem(int images, int withoutAlt, string expected)
    {
        var content = Base with { Images = Photos(images).Select((p, i) => i < withoutAlt ? p with { AltText = null } : p).ToArray() };

        var report = PostRules.Check(content, PostRulesSettings.Default, Now);

        Assert.Equal(expected, Assert.Single(report.Findings).Message);
    }
}
