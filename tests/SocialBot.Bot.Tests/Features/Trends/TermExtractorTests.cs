using SocialBot.Bot.Features.Trends;

namespace SocialBot.Bot.Tests.Features.Trends;

public sealed class TermExtractorTests
{
    public static TheoryData<string, string?, string[]> Cases => new()
    {
        // Hashtags, including unicode, underscores, case folding and accents.
        { "Best #café in town", null, ["best", "#cafe", "town"] },
        { "#日本 旅行", "ja", ["#日本"] },
        { "#ガンダム", "ja", ["#ガンダム"] },
        { "#launch_day is here", "en", ["#launch_day"] },
        { "#Launch #launch #LAUNCH", null, ["#launch"] },
        { "#1 fan", null, ["fan"] },
        { "#AI everywhere", null, ["#ai", "everywhere"] },
        { "#a", null, [] },
        // Handles.
        { "Thanks @Contoso!", null, ["thanks", "@contoso"] },
        { "@alice@mastodon.social great post", null, ["@alice@mastodon.social", "great", "post", "great post"] },
        { "RT @bob: great news", null, ["@bob", "great", "news", "great news"] },
        // Links with and without a scheme count as their domain.
        { "Read https://www.contoso.com/blog/post?id=1", null, ["read", "contoso.com"] },
        { "Read contoso.com/launch today", null, ["read", "contoso.com", "today"] },
        { "Docs at http://Docs.Fabrikam.io:8080/x", null, ["doc", "docs.fabrikam.io"] },
        { "www.example.org rocks", null, ["example.org", "rock"] },
        { "two links https://a.example.com/1 and http://a.example.com/2", null, ["two", "link", "two link", "a.example.com"] },
        // Emoji are not keywords and break phrases.
        { "🔥🔥 dark mode 🔥", null, ["dark", "mode", "dark mode"] },
        { "dark 🔥 mode", null, ["dark", "mode"] },
        // Sentence punctuation breaks phrases; stop words are dropped and break them too.
        { "Dark mode. Finally", null, ["dark", "mode", "dark mode", "finally"] },
        { "Dark mode, finally", null, ["dark", "mode", "dark mode", "finally"] },
        { "He said: wow", null, ["said", "wow"] },
        { "the dark side of the mode", null, ["dark", "side", "dark side", "mode"] },
        { "Don't stop", null, ["stop"] },
        { "it's the company's new app", null, ["company", "new", "app", "company new", "new app"] },
        // Plurals folded for English keywords, with the oddities left alone.
        { "New launches", "en", ["new", "launch", "new launch"] },
        { "Stories about bugs", "en-GB", ["story", "bug"] },
        { "The news is out", null, ["news"] },
        { "bus status analysis", null, ["bus", "status", "analysis", "bus status", "status analysis"] },
        { "Kubernetes on AWS", null, ["kubernetes", "aws"] },
        { "real-time analytics", null, ["real-time", "analytics", "real-time analytics"] },
        { "Apple apples APPLES", null, ["apple"] },
        { "#Features", null, ["#features"] },
        // Numbers and single letters are not keywords.
        { "Released in 2024 with 10k users and 3.5x speed", null, ["released", "user", "speed"] },
        { "version 2.0 of v2", null, ["version"] },
        { "A b c", null, [] },
        { "", null, [] },
        // Other languages: no English plural folding, accents folded only on Latin letters.
        { "Tolles Haus", "de", ["tolles", "haus", "tolles haus"] },
        { "Ünïcödé Straße", "de", ["unicode", "straße", "unicode straße"] },
        { "Café crème", "fr", ["cafe", "creme", "cafe creme"] },
        { "Мой край", "ru", ["мой", "край", "мой край"] },
        { "I ❤️ #日本 and 寿司", null, ["#日本"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Extract_Text_FindsExactlyTheseKeys(string text, string? lang, string[] expected)
    {
        var keys = TermExtractor.Extract(text, lang).Select(term => term.Key).ToArray();

        Assert.Equal(expected.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Extract_Cases_AtLeastThirty()
    {
        Assert.True(Cases.Count() >= 30);
    }

    [Theory]
    [InlineData("Loving #LaunchDay", "#launchday", "#LaunchDay", nameof(TermKind.Hashtag))]
    [InlineData("New Launches here", "launch", "Launches", nameof(TermKind.Keyword))]
    [InlineData("Dark Mode rocks", "dark mode", "Dark Mode", nameof(TermKind.Phrase))]
    [InlineData("hi @Contoso_Team", "@contoso_team", "@Contoso_Team", nameof(TermKind.Handle))]
    [InlineData("at HTTPS://WWW.Contoso.COM/x", "contoso.com", "contoso.com", nameof(TermKind.Domain))]
    [InlineData("Crème brûlée", "creme", "Crème", nameof(TermKind.Keyword))]
    public void Extract_Term_KeepsDisplayAsWritten(string text, string key, string display, string kindName)
    {
        var kind = Enum.Parse<TermKind>(kindName);
        var term = Assert.Single(TermExtractor.Extract(text, "en"), term => term.Key == key);

        Assert.Equal(display, term.Display);
        Assert.Equal(kind, term.Kind);
        Assert.Equal(kind, Term.KindOf(term.Key));
    }

    [Fact]
    public void Extract_SameTermTwice_CountedOnce()
    {
        var terms = TermExtractor.Extract("launch launch #launch #Launch contoso.com https://contoso.com", null);

        Assert.Equal(terms.Count, terms.Select(term => term.Key).Distinct(StringComparer.Ordinal).Count());
        Assert.Single(terms, term => term.Key == "contoso.com");
    }

    [Fact]
    public void Extract_HashtagPlural_NotSingularized()
    {
        var keys = TermExtractor.Extract("#news #updates @devs feeds.example.com", "en").Select(term => term.Key);

        Assert.Equal(["#news", "#updates", "@devs", "feeds.example.com"], keys);
    }

    [Fact]
    public void StopWords_ReadFromData_AboutOneHundredFifty()
    {
        Assert.InRange(TermLexicon.StopWordCount, 150, 400);
        Assert.True(TermLexicon.IsStopWord("the"));
        Assert.False(TermLexicon.IsStopWord("launch"));
    }

    [Theory]
    [InlineData("news", "news")]
    [InlineData("bus", "bus")]
    [InlineData("is", "is")]
    [InlineData("has", "has")]
    [InlineData("status", "status")]
    [InlineData("canvas", "canvas")]
    [InlineData("taxes", "tax")]
    [InlineData("phones", "phone")]
    [InlineData("stories", "story")]
    [InlineData("wolves", "wolf")]
    [InlineData("glasses", "glass")]
    [InlineData("mode", "mode")]
    public void Singular_EnglishWord_FoldsOnlyRealPlurals(string word, string expected)
    {
        Assert.Equal(expected, TermLexicon.Singular(word));
    }
}
