using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using SocialBot.Bot.Features.Drafts.Rules;
using SocialBot.Bot.Features.Mentions.Matching;
using SocialBot.Bot.Features.Trends;
using SocialBot.Bot.Ingestion;
using SocialBot.Bot.Protocol.Schema;
using SocialBot.Cards.AdaptiveCards;
using SocialBot.Cards.Trends;

namespace SocialBot.Benchmarks;

/// <summary>The per-request hot paths: parsing an activity, checking a post, matching a mention, extracting terms, rendering a card.</summary>
[MemoryDiagnoser]
public class HotPathBenchmarks
{
    private const string ActivityJson = """
        {"type":"message","id":"1700000000001","timestamp":"2026-12-05T09:00:00.000Z","serviceUrl":"https://smba.trafficmanager.net/emea/",
         "channelId":"msteams","from":{"id":"29:1abc","name":"Megan Bowen","aadObjectId":"7faf8ab2-3d46-4a59-a8f7-7d6a3d7e1c11"},
         "conversation":{"isGroup":true,"conversationType":"channel","tenantId":"72f988bf-86f1-41af-91ab-2d7cd011db47","id":"19:6dec8b4e@thread.tacv2;messageid=1700000000000"},
         "recipient":{"id":"28:6a3c0a3e","name":"SocialBot"},"text":"<at>SocialBot</at> trends 24h #launchday","textFormat":"plain",
         "entities":[{"type":"mention","text":"<at>SocialBot</at>","mentioned":{"id":"28:6a3c0a3e","name":"SocialBot"}},{"type":"clientInfo","locale":"en-US","country":"US","platform":"Web","timezone":"Europe/Berlin"}],
         "channelData":{"teamsChannelId":"19:6dec8b4e@thread.tacv2","teamsTeamId":"19:0d1a@thread.tacv2","channel":{"id":"19:6dec8b4e@thread.tacv2"},"team":{"id":"19:0d1a@thread.tacv2"},"tenant":{"id":"72f988bf-86f1-41af-91ab-2d7cd011db47"}},
         "locale":"en-US"}
        """;

    private static readonly byte[] ActivityBytes = Encoding.UTF8.GetBytes(ActivityJson);
    private readonly Activity activity = JsonSerializer.Deserialize(ActivityBytes, ProtocolJsonContext.Default.Activity)!;
    private readonly PostContent shortPost = Post("Our winter launch is live! 🚀 Try it today: https://contoso.example/launch #launchday #acme 👩‍👩‍👧 thanks @contoso");
    private readonly PostContent longPost = Post(string.Concat(Enumerable.Repeat("Launch notes ✓ with a link https://contoso.example/a and café 東京 #acme. ", 60))[..3000]);
    private readonly DateTimeOffset now = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);
    private readonly CompiledRuleSet rules = RuleSets.FiveThousand();
    private readonly IncomingMention mention = new()
    {
        TenantId = "contoso",
        Id = "1790000000",
        Source = MentionSource.X,
        Author = new MentionAuthor("@fan", "A Fan", 15_300),
        Text = "@acme the new #LaunchDay app is broken for me, I want a refund — not good at all https://status.contoso.example",
        CreatedAt = DateTimeOffset.UnixEpoch,
        Lang = "en",
    };

    private readonly TrendsCardModel trendsCard = new(
        "last 24 hours",
        "#launchday is 4× its usual volume; 12% negative.",
        null,
        [.. Enumerable.Range(0, 8).Select(i => new TrendItemView($"#term{i}", $"#term{i}", "42 mentions", "+340%", "▁▂▃▅▇█▇▅▃▂▁▁▂▃▅▇█▇▅▃▂▁▁▂", "12% negative · 40% positive", new TrendSampleView("@fan", "15.3K followers", new Uri("https://x.example/status/1"))))]);

    [Benchmark]
    public object ParseActivity() => JsonSerializer.Deserialize(ActivityBytes, ProtocolJsonContext.Default.Activity)!;

    [Benchmark]
    public byte[] SerializeActivity() => JsonSerializer.SerializeToUtf8Bytes(activity, ProtocolJsonContext.Default.Activity);

    [Benchmark]
    public object CheckShortPost() => PostRules.Check(shortPost, PostRulesSettings.Default, now);

    [Benchmark]
    public object Check3000CharPost() => PostRules.Check(longPost, PostRulesSettings.Default, now);

    [Benchmark]
    public IReadOnlyList<string> MatchMentionAgainst5000Rules() => rules.Match(mention);

    [Benchmark]
    public object ExtractTrendTerms() => TermExtractor.Extract(mention.Text, mention.Lang);

    [Benchmark]
    public string RenderTrendsCard() => AdaptiveCardSerializer.Serialize(TrendsCard.Build(trendsCard));

    private static PostContent Post(string text) => new()
    {
        Text = text,
        Networks = SocialNetworkNames.All,
        Images = [new PostImage("https://cdn.example/a.png", "A rocket")],
    };
}

/// <summary>Rules shaped like real tracking lists: brand words, phrases, tags, handles, exclusions and filters.</summary>
internal static class RuleSets
{
    public static CompiledRuleSet FiveThousand()
    {
        var random = new Random(42);
        string[] shapes = ["brand{0}", "\"brand{0} cloud\"", "#tag{0}", "@handle{0}", "brand{0} -jobs", "(brand{0} OR product{0}) refund", "brand{0} source:x followers:>1000", "brand{0} lang:en priority:high"];
        var list = new List<MentionRule>();
        for (var i = 0; i < 5_000; i++)
        {
            var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, shapes[random.Next(shapes.Length)], i);
            list.Add(new MentionRule("r" + i, MentionQueryParser.Parse(text).Query!));
        }

        list.Add(new MentionRule("acme", MentionQueryParser.Parse("acme OR #launchday").Query!));
        return CompiledRuleSet.Compile(list);
    }
}
