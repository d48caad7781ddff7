using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SocialBot.Bot.Features.Mentions;
using SocialBot.Bot.Features.Mentions.Matching;
using SocialBot.Bot.Ingestion;
using SocialBot.Bot.State;
using SocialBot.Testing;

namespace SocialBot.Benchmarks;

/// <summary>
/// The mentions issue's scenario: N generated mentions against R rules, signed and POSTed in batches of 50 by 8 clients
/// to the real bot (Release build, its own process) on a real redis-server. Reports accepted mentions per second, the
/// accept latency of the POSTs, and the worker's lag: how long after the last accept the queue was empty.
/// </summary>
internal static class IngestionScenario
{
    private const string Tenant = "bench-tenant";
    private const string Secret = "bench-ingestion-secret-0123456789";
    private const int BatchSize = 50;
    private const int Clients = 8;

    public static async Task<int> RunAsync(int mentionCount, int ruleCount)
    {
        await using var redis = await RedisServer.StartNewAsync();
        var prefix = "bench";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
            ["State:KeyPrefix"] = prefix,
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddStateStore(configuration, new BenchEnvironment()).BuildServiceProvider();
        var store = services.GetRequiredService<IStateStore>();
        await SeedRulesAsync(store, ruleCount);
        var queue = ActivatorUtilities.CreateInstance<MentionQueue>(services, Microsoft.Extensions.Options.Options.Create(new MentionRetentionOptions()));

        await using var bot = await BotProcess.StartAsync(new BotProcessOptions
        {
            DllPath = Path.Combine(AppContext.BaseDirectory, "..", "..", "SocialBot.Bot", "release", "SocialBot.Bot.dll"),
            EnvironmentName = "Development",
            Environment = new Dictionary<string, string>
            {
                ["ConnectionStrings__Redis"] = redis.ConnectionString,
                ["State__KeyPrefix"] = prefix,
                ["Ingestion__Secret"] = Secret,
                ["BotFramework__AllowUnauthenticated"] = "true",
                ["Ingestion__MaxBacklog"] = "1000000",
                ["BotFramework__AllowedTenants"] = Tenant,
                ["Logging__LogLevel__Default"] = "Warning",
            },
        });
        using var http = new HttpClient { BaseAddress = bot.BaseUrl };
        var latencies = new List<double>();
        var random = new Random(11);
        var bodies = Enumerable.Range(0, (mentionCount + BatchSize - 1) / BatchSize).Select(b => Body(b, Math.Min(BatchSize, mentionCount - (b * BatchSize)), ruleCount, random)).ToList();
        var next = -1;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < bodies.Count)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await SendAsync(http, bodies[index]);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if ((int)response.StatusCode != 202)
                {
                    throw new InvalidOperationException($"The bot answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }

                lock (latencies)
                {
                    latencies.Add(elapsed);
                }
            }
        }));
        var accepting = stopwatch.Elapsed;
        while (await queue.BacklogAsync(CancellationToken.None) > 0 && stopwatch.Elapsed < TimeSpan.FromMinutes(30))
        {
            await Task.Delay(200);
        }

        var drained = stopwatch.Elapsed;
        latencies.Sort();
        Console.WriteLine($"| Ingestion: {mentionCount:N0} mentions, {ruleCount:N0} rules, POSTs of {BatchSize} by {Clients} clients | {mentionCount / accepting.TotalSeconds:N0} mentions/s accepted ({accepting.TotalSeconds:N1} s) | accept latency per POST p50 {Percentile(latencies, 0.5):N1} ms, p99 {Percentile(latencies, 0.99):N1} ms |");
        Console.WriteLine($"| Ingestion: worker | queue empty {(drained - accepting).TotalSeconds:N1} s after the last accept ({mentionCount / drained.TotalSeconds:N0} mentions/s matched, scored, stored and delivered end to end) | bot peak working set {bot.PeakWorkingSetMegabytes():N0} MB |");
        return 0;
    }

    private static async Task SeedRulesAsync(IStateStore store, int ruleCount)
    {
        var random = new Random(42);
        string[] shapes = ["brand{0}", "\"brand{0} cloud\"", "#tag{0}", "@handle{0}", "brand{0} -jobs", "(brand{0} OR product{0}) refund", "brand{0} source:x followers:>1000", "brand{0} lang:en priority:high"];
        var now = DateTimeOffset.UtcNow;
        var rules = new List<TrackedRule>();
        for (var i = 0; i < ruleCount; i++)
        {
            var query = MentionQueryParser.Parse(string.Format(CultureInfo.InvariantCulture, shapes[random.Next(shapes.Length)], i)).Query!;
            rules.Add(new TrackedRule("r" + i, i + 1, $"19:bench-{i % 200}@thread.tacv2", query.Text, query.Priority, "bench", now));
        }

        // Written as one document, as 5,000 `track` commands would leave it (they would take a while one by one).
        var tenant = StoreKey.TenantOrDefault(Tenant);
        await store.PutAsync(StoreKey.For(tenant, "mentions", "rules"), new RuleBook(rules, ruleCount + 1), MentionsJsonContext.Default.RuleBook, PutCondition.Always);
        await store.IncrementAsync(StoreKey.For(tenant, "mentions", "rules-version"));
    }

    private static byte[] Body(int batch, int count, int ruleCount, Random random)
    {
        string[] texts = ["Loving brand{0} today", "brand{0} cloud is down again, refund please", "#tag{0} launch party", "@handle{0} support was quick", "Nothing to see here {0}", "product{0} refund request"];
        var array = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            array.Add(new JsonObject
            {
                ["id"] = $"m{batch}-{i}",
                ["source"] = "x",
                ["url"] = $"https://x.example/status/{batch}{i}",
                ["author"] = new JsonObject { ["handle"] = "@user" + random.Next(50_000), ["followers"] = random.Next(200_000) },
                ["text"] = string.Format(CultureInfo.InvariantCulture, texts[random.Next(texts.Length)], random.Next(ruleCount * 2)),
                ["createdAt"] = DateTimeOffset.UtcNow.ToString("O"),
                ["lang"] = "en",
                ["tenantId"] = Tenant,
            });
        }

        return Encoding.UTF8.GetBytes(array.ToJsonString());
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, byte[] body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/mentions") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(MentionSignature.TimestampHeader, timestamp);
        request.Headers.Add(MentionSignature.SignatureHeader, MentionSignature.Sign(Secret, timestamp, body));
        return http.SendAsync(request);
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
