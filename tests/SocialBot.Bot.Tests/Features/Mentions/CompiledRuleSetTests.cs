using SocialBot.Bot.Features.Mentions.Matching;
using SocialBot.Bot.Ingestion;

namespace SocialBot.Bot.Tests.Features.Mentions;

public sealed class CompiledRuleSetTests
{
    [Theory]
    [InlineData("acme", "Loving ACME today", true)]
    [InlineData("acme", "acmecorp is fine", false)]
    [InlineData("cafe", "Best Café in town", true)]
    [InlineData("café", "best CAFE in town", true)]
    [InlineData("cat", "new category launched", false)]
    [InlineData("#launch", "it's #launchday", false)]
    [InlineData("#launch", "it's #Launch day", true)]
    [InlineData("acme", "follow #acme", true)]
    [InlineData("@acme", "thanks @Acme!", true)]
    [InlineData("@acme", "thanks @acmesupport", false)]
    [InlineData("\"acme cloud\"", "the Acme  Cloud is down", true)]
    [InlineData("\"acme cloud\"", "cloud by acme", false)]
    [InlineData("acme -jobs", "acme jobs fair", false)]
    [InlineData("acme -jobs", "acme rocks", true)]
    [InlineData("acme -\"job posting\"", "acme job posting today", false)]
    [InlineData("acme -\"job posting\"", "acme posting a job", true)]
    [InlineData("acme OR contoso", "contoso wins", true)]
    [InlineData("(acme OR contoso) NOT hiring", "contoso hiring now", false)]
    [InlineData("acme AND refund", "acme please refund me", true)]
    [InlineData("acme AND refund", "acme please", false)]
    [InlineData("acme source:reddit", "acme thread", false)]
    [InlineData("acme source:x", "acme thread", true)]
    [InlineData("acme followers:>10000", "acme thread", true)]
    [InlineData("acme followers:>20000", "acme thread", false)]
    [InlineData("acme lang:en", "acme thread", true)]
    [InlineData("acme lang:de", "acme thread", false)]
    [InlineData("source:x -spam", "anything at all", true)]
    public void Match_Table(string query, string text, bool expected)
    {
        var rules = CompiledRuleSet.Compile([new MentionRule("r1", MentionQueryParser.Parse(query).Query!)]);

        Assert.Equal(expected, rules.Match(Mention(text)).Contains("r1"));
    }

    [Fact]
    public void Match_ThousandsOfRules_AgreesWithPlainEvaluation()
    {
        var random = new Random(7);
        string[] vocabulary = ["acme", "cloud", "#launch", "@acme", "refund", "outage", "jobs", "café", "contoso", "great", "\"acme cloud\"", "source:x", "followers:>500", "lang:en"];
        var rules = Enumerable.Range(0, 3_000).Select(i =>
        {
            var terms = Enumerable.Range(0, random.Next(1, 4)).Select(_ => (random.Next(4) == 0 ? "-" : string.Empty) + vocabulary[random.Next(vocabulary.Length)]);
            var text = string.Join(random.Next(2) == 0 ? " " : " OR ", terms);
            return MentionQueryParser.Parse(text).Query is { } query ? new MentionRule("r" + i, query) : null;
        }).OfType<MentionRule>().ToList();
        var compiled = CompiledRuleSet.Compile(rules);

        for (var m = 0; m < 300; m++)
        {
            var words = Enumerable.Range(0, random.Next(0, 8)).Select(_ => vocabulary[random.Next(vocabulary.Length)].Trim('"').Replace("source:x", "x", StringComparison.Ordinal).Replace("followers:>500", "500", StringComparison.Ordinal).Replace("lang:en", "en", StringComparison.Ordinal));
            var mention = Mention(string.Join(' ', words), followers: random.Next(1_000), source: random.Next(2) == 0 ? MentionSource.X : MentionSource.Reddit);
            var text = MentionText.From(mention.Text);
            var expected = rules.Where(r => CompiledRuleSet.Evaluate(r.Query.Root, mention, text)).Select(r => r.RuleId);

            Assert.Equal(expected, compiled.Match(mention));
        }
    }

    [Fact]
    public void Empty_MatchesNothing() => Assert.Empty(CompiledRuleSet.Empty.Match(Mention("acme")));

    internal static IncomingMention Mention(string text, long followers = 12_000, MentionSource source = MentionSource.X) => new()
    {
        TenantId = "t",
        Id = Guid.NewGuid().ToString(),
        Source = source,
        Author = new MentionAuthor("@someone", "Someone", followers),
        Text = text,
        CreatedAt = DateTimeOffset.UnixEpoch,
        Lang = "en",
    };
}
