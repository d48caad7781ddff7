using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SocialBot.Testing;

namespace SocialBot.Benchmarks;

/// <summary>
/// Invoke latency of <c>adaptiveCard/action</c> under load: the real bot (Release, its own process, real Redis, the
/// recording connector as Teams) takes N "Submit for approval" presses, then N "Approve" presses: the first half with
/// 8 clients as fast as they go (saturation), the second half paced at half of that rate. Reports p50/p99 of each.
/// </summary>
internal static partial class InvokeLatencyScenario
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string ApproverObjectId = "5a1b0f2c-7e22-4a5b-9c61-2f7f3b8e9a01";
    private const int Clients = 8;

    public static async Task<int> RunAsync(int drafts)
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var connector = await RecordingConnector.StartAsync();
        await using var bot = await BotProcess.StartAsync(new BotProcessOptions
        {
            DllPath = Path.Combine(AppContext.BaseDirectory, "..", "..", "SocialBot.Bot", "release", "SocialBot.Bot.dll"),
            EnvironmentName = "Development",
            Environment = new Dictionary<string, string>
            {
                ["ConnectionStrings__Redis"] = redis.ConnectionString,
                ["BotFramework__AllowUnauthenticated"] = "true",
                ["Approvals__Approvers"] = ApproverObjectId,
                ["Logging__LogLevel__Default"] = "Warning",
            },
        });
        using var http = new HttpClient { BaseAddress = bot.BaseUrl };

        var ids = new string[drafts];
        var submit = await RunClosedAsync(http, drafts, i => Press("29:author", "7faf8ab2-3d46-4a59-a8f7-7d6a3d7e1c11", "drafts.submit", new JsonObject { ["text"] = $"Post idea {i}", ["networks"] = "x,linkedin" }, connector.ServiceUrl), (i, body) => ids[i] = DraftId().Match(body).Groups[1].Value);
        var half = drafts / 2;
        var saturated = await RunClosedAsync(http, half, i => Approve(ids[i], connector.ServiceUrl), null);
        var paced = await RunPacedAsync(http, drafts - half, saturated.PerSecond / 2, i => Approve(ids[half + i], connector.ServiceUrl));

        Console.WriteLine($"| Invoke: {drafts:N0} × Submit for approval, {Clients} clients | {submit.PerSecond:N0}/s | p50 {submit.P50:N1} ms, p99 {submit.P99:N1} ms |");
        Console.WriteLine($"| Invoke: Approve at saturation ({Clients} clients) | {saturated.PerSecond:N0}/s | p50 {saturated.P50:N1} ms, p99 {saturated.P99:N1} ms |");
        Console.WriteLine($"| Invoke: Approve at half of that rate | {paced.PerSecond:N0}/s | p50 {paced.P50:N1} ms, p99 {paced.P99:N1} ms | bot peak working set {bot.PeakWorkingSetMegabytes():N0} MB |");
        return submit.Failures + saturated.Failures + paced.Failures == 0 ? 0 : 1;
    }

    private static JsonObject Approve(string draftId, string serviceUrl) =>
        Press("29:approver", ApproverObjectId, "approvals.approve", new JsonObject { ["draftId"] = draftId, ["version"] = "1" }, serviceUrl);

    private static async Task<Run> RunClosedAsync(HttpClient http, int count, Func<int, JsonObject> activity, Action<int, string>? onBody)
    {
        var latencies = new List<double>();
        var failures = 0;
        var next = -1;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var (ms, ok, body) = await SendAsync(http, activity(i));
                lock (latencies)
                {
                    latencies.Add(ms);
                    failures += ok ? 0 : 1;
                }

                onBody?.Invoke(i, body);
            }
        }));
        return Run.Of(latencies, failures, stopwatch.Elapsed);
    }

    private static async Task<Run> RunPacedAsync(HttpClient http, int count, double perSecond, Func<int, JsonObject> activity)
    {
        var latencies = new List<double>();
        var failures = 0;
        var stopwatch = Stopwatch.StartNew();
        var sends = new List<Task>();
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond);
            if (due > stopwatch.Elapsed)
            {
                await Task.Delay(due - stopwatch.Elapsed);
            }

            var index = i;
            sends.Add(Task.Run(async () =>
            {
                var (ms, ok, _) = await SendAsync(http, activity(index));
                lock (latencies)
                {
                    latencies.Add(ms);
                    failures += ok ? 0 : 1;
                }
            }));
        }

        await Task.WhenAll(sends);
        return Run.Of(latencies, failures, stopwatch.Elapsed);
    }

    private static async Task<(double Ms, bool Ok, string Body)> SendAsync(HttpClient http, JsonObject activity)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));
        var body = Regex.Unescape(await response.Content.ReadAsStringAsync());
        return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, response.IsSuccessStatusCode && !body.Contains("can't", StringComparison.Ordinal), body);
    }

    private static JsonObject Press(string userId, string objectId, string verb, JsonObject data, string serviceUrl) => new()
    {
        ["type"] = "invoke",
        ["name"] = "adaptiveCard/action",
        ["id"] = Guid.NewGuid().ToString("N"),
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl,
        ["from"] = new JsonObject { ["id"] = userId, ["aadObjectId"] = objectId, ["name"] = userId },
        ["recipient"] = new JsonObject { ["id"] = "28:socialbot", ["name"] = "SocialBot" },
        ["conversation"] = new JsonObject { ["id"] = "a:bench-" + userId, ["conversationType"] = "personal", ["tenantId"] = Tenant },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = Tenant } },
        ["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data }, ["trigger"] = "manual" },
    };

    [GeneratedRegex(@"(P-\d+) sent for approval")]
    private static partial Regex DraftId();

    private sealed record Run(double PerSecond, double P50, double P99, int Failures)
    {
        public static Run Of(List<double> latencies, int failures, TimeSpan elapsed)
        {
            latencies.Sort();
            double At(double p) => latencies.Count == 0 ? 0 : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
            return new Run(latencies.Count / elapsed.TotalSeconds, At(0.5), At(0.99), failures);
        }
    }
}
