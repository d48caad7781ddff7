using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using SocialBot.IntegrationTests.Hosting;
using SocialBot.IntegrationTests.State;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Resilience;

/// <summary>
/// Two real bot processes share one Redis and take mentions under load; one is killed with SIGKILL mid-load. The other
/// keeps answering, the killed one's unfinished mentions are taken over, and after its restart every accepted mention
/// has been alerted: once, or twice only for the few whose alert was on its way to Teams at the moment of the kill.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class BotCrashTests(RedisServerFixture redis)
{
    private const string Secret = "crash-test-secret-0123456789";
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string Chat = "a:crash-test-personal";

    [Fact]
    public async Task KillOneOfTwoInstancesMidLoad_OtherContinues_EveryAcceptedMentionAlerted_DuplicatesOnlyFromSendsInFlight()
    {
        await using var connector = await RecordingConnector.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = redis.ConnectionString,
            ["State__KeyPrefix"] = redis.NewKeyPrefix(),
            ["BotFramework__AllowUnauthenticated"] = "true",
            ["Ingestion__Secret"] = Secret,
            ["Ingestion__PollInterval"] = "00:00:00.100",
            ["Ingestion__ReclaimIdleTime"] = "00:00:03",
            ["Mentions__MaxAlertsPerHour"] = "100000",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        await using var first = await BotProcess.StartAsync(new BotProcessOptions { Environment = settings });
        await using var second = await BotProcess.StartAsync(new BotProcessOptions { Environment = settings });
        using var toFirst = new HttpClient { BaseAddress = first.BaseUrl };
        using var toSecond = new HttpClient { BaseAddress = second.BaseUrl };

        var track = await toFirst.PostAsync("/api/messages", Json(Track(connector.ServiceUrl)));
        Assert.Equal(HttpStatusCode.OK, track.StatusCode);
        await connector.WaitForAsync(r => r.Body?.ToJsonString().Contains("Tracking rule 1", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(20));

        var accepted = new ConcurrentBag<string>();
        var failures = new ConcurrentBag<string>();
        var firstAlive = true;
        async Task LoadAsync(int loop, int count)
        {
            for (var n = 0; n < count; n++)
            {
                var id = $"crash-{loop}-{n}";
                var client = n % 2 == 0 && Volatile.Read(ref firstAlive) ? toFirst : toSecond;
                try
                {
                    using var response = await MentionWebhook.PostSignedAsync(client, Secret, Mention(id));
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        accepted.Add(id);
                    }
                    else
                    {
                        failures.Add($"{id}: {(int)response.StatusCode}");
                    }
                }
                catch (HttpRequestException) when (client == toFirst)
                {
                    // The killed instance's connection broke: the sender was not told "accepted", so nothing is owed.
                }
            }
        }

        var load = Task.WhenAll(LoadAsync(1, 120), LoadAsync(2, 120));
        await connector.WaitForAsync((IReadOnlyList<RecordedRequest> all) => all.Count(IsAlert) >= 20, TimeSpan.FromSeconds(30));
        await first.KillAsync();
        Volatile.Write(ref firstAlive, false);
        await load;
        await first.RestartAsync();

        Assert.Empty(failures);
        try
        {
            await connector.WaitForAsync((IReadOnlyList<RecordedRequest> all) => accepted.All(id => all.Any(r => IsAlertFor(r, id))), TimeSpan.FromSeconds(150));
        }
        catch (TimeoutException)
        {
            var missing = accepted.Where(id => !connector.Requests.Any(r => IsAlertFor(r, id))).ToList();
            throw new TimeoutException($"{missing.Count} of {accepted.Count} accepted mentions never alerted: {string.Join(", ", missing.Take(10))}\n{first.Diagnostics()}\n{second.Diagnostics()}");
        }
        await Task.Delay(TimeSpan.FromSeconds(1));
        var alerts = connector.Requests.Where(IsAlert).ToList();

        // Exactly once, except an alert Teams had already taken when the process died, before it could write that it
        // had: no send can be made idempotent with Teams, so those few (at most the sends in flight, 8 per worker) may
        // go out twice. Everything else must be there once.
        var twice = accepted.Count(id => alerts.Count(r => IsAlertFor(r, id)) == 2);
        Assert.All(accepted, id => Assert.InRange(alerts.Count(r => IsAlertFor(r, id)), 1, 2));
        Assert.InRange(twice, 0, 8);
    }

    private static bool IsAlert(RecordedRequest request) =>
        request.Method == "POST" && request.ConversationId == Chat && request.Body?.ToJsonString().Contains("High-priority mention", StringComparison.Ordinal) == true;

    private static bool IsAlertFor(RecordedRequest request, string id) =>
        IsAlert(request) && request.Body!.ToJsonString().Contains($"({id})", StringComparison.Ordinal);

    private static JsonObject Mention(string id) => new()
    {
        ["id"] = id,
        ["source"] = "x",
        ["url"] = "https://x.example/status/" + id,
        ["author"] = new JsonObject { ["handle"] = "@" + id.Replace("-", string.Empty, StringComparison.Ordinal), ["followers"] = 250_000 },
        ["text"] = $"acme outage, refund now, terrible ({id})",
        ["createdAt"] = DateTimeOffset.UtcNow.ToString("O"),
        ["tenantId"] = Tenant,
    };

    private static JsonObject Track(string serviceUrl) => new()
    {
        ["type"] = "message",
        ["id"] = "track-" + Guid.NewGuid().ToString("N"),
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl,
        ["from"] = new JsonObject { ["id"] = "29:crash-user", ["aadObjectId"] = "5a1b0f2c-7e22-4a5b-9c61-2f7f3b8e9a01", ["name"] = "Adele Vance" },
        ["recipient"] = new JsonObject { ["id"] = "28:socialbot", ["name"] = "SocialBot" },
        ["conversation"] = new JsonObject { ["id"] = Chat, ["conversationType"] = "personal", ["tenantId"] = Tenant },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = Tenant } },
        ["text"] = "track acme",
    };

    private static StringContent Json(JsonObject activity) => new(activity.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
}
