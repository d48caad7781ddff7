using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SocialBot.Bot.Features.Digest;
using SocialBot.Bot.Protocol.Schema;
using SocialBot.Bot.State;
using SocialBot.IntegrationTests.Hosting;
using SocialBot.IntegrationTests.State;
using SocialBot.Testing;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace SocialBot.IntegrationTests.Resilience;

/// <summary>
/// Two real bot processes share one Redis; one is killed with SIGKILL in the middle of the work. The other keeps going,
/// the killed one's unfinished work is taken over, and after its restart nothing is missing: every accepted mention is
/// alerted and every due digest is sent, once, or twice only for the few that were on their way to Teams at the kill.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class BotCrashTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private const string Secret = "crash-test-secret-0123456789";
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string Chat = "a:crash-test-personal";

    [Fact]
    public async Task KillOneOfTwoInstancesMidLoad_OtherContinues_EveryAcceptedMentionAlerted_DuplicatesOnlyFromSendsInFlight()
    {
        await using var connector = await RecordingConnector.StartAsync();
        var settings = Settings(redis.NewKeyPrefix(), new()
        {
            ["Ingestion__Secret"] = Secret,
            ["Ingestion__PollInterval"] = "00:00:00.100",
            ["Ingestion__ReclaimIdleTime"] = "00:00:03",
            ["Mentions__MaxAlertsPerHour"] = "100000",
        });
        await using var bots = await TwoBots.StartAsync(settings);
        var (first, second) = (bots.First, bots.Second);
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

    [Fact]
    public async Task KillOneOfTwoInstancesMidDigestFanOut_OtherSendsTheRest_EachDigestOnce_TwiceOnlyForClaimsInFlightInKilledOne()
    {
        await using var connector = await RecordingConnector.StartAsync();
        var prefix = redis.NewKeyPrefix();
        var settings = Settings(prefix, new()
        {
            ["Digest__PollInterval"] = "00:00:01",
            ["Digest__FanOut"] = DigestFanOut.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Digest__ClaimLease"] = "00:00:10",
        });
        await using var bots = await TwoBots.StartAsync(settings);
        var (first, second) = (bots.First, bots.Second);

        await using var connection = await ConnectionMultiplexer.ConnectAsync(RedisConnection.ParseOptions(redis.ConnectionString));
        var store = new RedisStateStore(connection, Options.Create(new StateStoreOptions { KeyPrefix = prefix }));
        var subscriptions = new DigestSubscriptionStore(store);

        // All due in the same second, a little ahead so both instances are polling when it comes. Each send is held
        // 250 ms by the connector (a slow Teams), so each instance always has sends on their way when it is killed.
        var due = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddSeconds(3).ToUnixTimeSeconds());
        var conversations = Enumerable.Range(0, DigestSubscriptions).Select(i => $"19:crash-digest-{i:000}@thread.tacv2").ToList();
        foreach (var conversation in conversations)
        {
            connector.DelayNext(conversation, 1, TimeSpan.FromMilliseconds(250));
            var reference = new ConversationReference
            {
                ChannelId = "msteams",
                ServiceUrl = connector.ServiceUrl,
                Conversation = new ConversationAccount { Id = conversation, ConversationType = "channel" },
                TenantId = Tenant,
            };
            await subscriptions.SaveAsync(new DigestSubscription(Tenant, conversation, new DigestSchedule(due.Hour, due.Minute, "UTC", false), reference), due, CancellationToken.None);
        }

        var localDate = due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await connector.WaitForAsync((IReadOnlyList<RecordedRequest> all) => all.Count(IsDigest) >= DigestSubscriptions / 4, TimeSpan.FromSeconds(60));
        await first.KillAsync();

        // What the killed instance held at its death: a claim (written just before composing and sending) without the
        // "sent" marker (written just after Teams answered). Only the instance that claimed writes the marker, so this
        // snapshot of the killed one's claims stays true until their lease runs out.
        var atKill = await Task.WhenAll(conversations.Select(async c => (
            Conversation: c,
            Owner: await store.GetClaimOwnerAsync(DigestKey(c, "claim", localDate)),
            Sent: await store.GetAsync(DigestKey(c, "sent", localDate)) is not null)));
        var sentAtKill = connector.Requests.Count(IsDigest);
        Assert.True(sentAtKill < DigestSubscriptions, "The fan-out had finished before the kill, so the test did not test a kill mid fan-out.");

        // The survivor is whoever claims a digest the snapshot did not show it claiming (the killed one cannot).
        string? survivor = null;
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (survivor is null)
            {
                foreach (var (conversation, owner, _) in atKill)
                {
                    if (await store.GetClaimOwnerAsync(DigestKey(conversation, "claim", localDate), deadline.Token) is { } now && now != owner)
                    {
                        survivor = now;
                        break;
                    }
                }

                if (survivor is null)
                {
                    await Task.Delay(100, deadline.Token);
                }
            }
        }

        var killedOwners = atKill.Select(k => k.Owner).OfType<string>().Where(o => o != survivor).Distinct().ToList();
        var killed = Assert.Single(killedOwners);
        var inFlight = atKill.Where(k => k.Owner == killed && !k.Sent).Select(k => k.Conversation).ToHashSet(StringComparer.Ordinal);

        // The bound the code allows: the dispatcher runs FanOut digests at a time, each holding one claim from before
        // composing until after its "sent" marker is written, so at most FanOut claims of the killed instance lack it.
        Assert.InRange(inFlight.Count, 0, DigestFanOut);

        // The survivor alone finishes the day: everything the killed one had not claimed, and (once the 10 s lease has
        // run out) what it had claimed but not marked sent. Every subscription ends up scheduled for its next day.
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            while ((await subscriptions.DueAsync(DateTimeOffset.UtcNow, 1, deadline.Token)).Count > 0 || conversations.Any(c => !connector.Requests.Any(r => IsDigestFor(r, c))))
            {
                await Task.Delay(200, deadline.Token);
            }
        }
        catch (OperationCanceledException)
        {
            var missing = conversations.Where(c => !connector.Requests.Any(r => IsDigestFor(r, c))).ToList();
            throw new TimeoutException($"{missing.Count} of {DigestSubscriptions} digests never arrived: {string.Join(", ", missing.Take(10))}\n{second.Diagnostics()}");
        }

        // The restarted instance finds nothing due and sends nothing again.
        await first.RestartAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(await subscriptions.DueAsync(DateTimeOffset.UtcNow, 1, CancellationToken.None));

        var digests = connector.Requests.Where(IsDigest).ToList();
        var twice = conversations.Where(c => digests.Count(r => IsDigestFor(r, c)) > 1).ToList();
        output.WriteLine($"{sentAtKill} of {DigestSubscriptions} digests sent at the kill; the killed instance held {inFlight.Count} claims without a sent marker; {twice.Count} digests arrived twice.");
        Assert.All(conversations, c => Assert.InRange(digests.Count(r => IsDigestFor(r, c)), 1, 2));
        Assert.True(twice.All(inFlight.Contains), $"Sent twice although the killed instance did not hold them unsent: {string.Join(", ", twice.Where(c => !inFlight.Contains(c)))}");
    }

    private const int DigestSubscriptions = 200;
    private const int DigestFanOut = 4;

    /// <summary>Environment of both bot processes: the shared Redis and key prefix, anonymous local mode, quiet logs.</summary>
    private Dictionary<string, string> Settings(string keyPrefix, Dictionary<string, string> extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = redis.ConnectionString,
            ["State__KeyPrefix"] = keyPrefix,
            ["BotFramework__AllowUnauthenticated"] = "true",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static StoreKey DigestKey(string conversation, string kind, string localDate) =>
        StoreKey.For(StoreKey.TenantOrDefault(Tenant), "digest", kind, StoreKey.Digest(conversation), localDate);

    private static bool IsDigest(RecordedRequest request) =>
        request.Method == "POST" && request.ConversationId?.StartsWith("19:crash-digest-", StringComparison.Ordinal) == true && request.Body?.ToJsonString().Contains("Daily digest", StringComparison.Ordinal) == true;

    private static bool IsDigestFor(RecordedRequest request, string conversation) => IsDigest(request) && request.ConversationId == conversation;

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

    /// <summary>Two bot processes with the same settings, started side by side; neither is left running if one fails to start.</summary>
    private sealed record TwoBots(BotProcess First, BotProcess Second) : IAsyncDisposable
    {
        public static async Task<TwoBots> StartAsync(Dictionary<string, string> settings)
        {
            var starting = new[] { BotProcess.StartAsync(new BotProcessOptions { Environment = settings }), BotProcess.StartAsync(new BotProcessOptions { Environment = settings }) };
            try
            {
                await Task.WhenAll(starting);
            }
            catch
            {
                foreach (var started in starting.Where(t => t.IsCompletedSuccessfully))
                {
                    await started.Result.DisposeAsync();
                }

                throw;
            }

            return new TwoBots(starting[0].Result, starting[1].Result);
        }

        public async ValueTask DisposeAsync()
        {
            await First.DisposeAsync();
            await Second.DisposeAsync();
        }
    }
}
