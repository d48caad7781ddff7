using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SocialBot.Bot.Ingestion;
using SocialBot.Bot.State;
using SocialBot.IntegrationTests.Hosting;
using SocialBot.IntegrationTests.State;
using SocialBot.Testing;
using StackExchange.Redis;

namespace SocialBot.IntegrationTests.Resilience;

/// <summary>
/// 10,000 generated hostile requests (seeded, so a failure can be replayed) against the real host over HTTP: activities
/// with valid tokens but mangled fields, random JSON, huge strings, deep nesting, invalid UTF-8, unknown invokes and
/// verbs, stale card data; and signed or unsigned webhook bodies of every wrong shape. Never a 5xx, no draft, approval,
/// mention, rule or subscription appears, and the host still answers a valid request afterwards.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class EndpointFuzzTests(RedisServerFixture redis)
{
    private const int Requests = 10_000;
    private const int Seed = 20261205;
    private const string Secret = "fuzz-ingestion-secret-0123456789";

    private static readonly string[] BusinessKeys = [":drafts:doc:", ":approvals:", ":mentions:doc:", ":mentions:rules", ":digest:sub:", ":mentions:feeds:"];

    // Verbs that may rightly create state from input that happens to be valid are left out: this test is about garbage.
    private static readonly string[] Verbs =
    [
        "approvals.approve", "approvals.markPublished", "approvals.refresh", "approvals.reject", "approvals.requestChanges", "approvals.withdraw",
        "digest.refresh", "drafts.check", "drafts.edit", "drafts.new", "drafts.page", "mentions.assign", "mentions.handle", "mentions.mute",
        "mentions.spike.freeze", "mentions.spike.unfreeze", "no.such.verb", string.Empty,
    ];

    [Fact]
    public async Task TenThousandHostileRequests_NeverA5xx_NoStateAppears_HostStillAnswers()
    {
        var prefix = redis.NewKeyPrefix();
        await using var host = await BotTestHost.StartAsync(redis.ConnectionString, new Dictionary<string, string?>
        {
            ["State:KeyPrefix"] = prefix,
            ["Ingestion:Secret"] = Secret,
        });
        var token = "Bearer " + host.Token();
        var random = new Random(Seed);
        var bodies = Enumerable.Range(0, Requests).Select(i => Generate(host, random, i)).ToList();
        var before = await BusinessKeyCountAsync(prefix);
        var failures = new List<string>();
        var next = -1;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < bodies.Count)
            {
                var (toWebhook, body, signed) = bodies[index];
                using var response = toWebhook ? await PostWebhookAsync(host, body, signed) : await host.PostRawAsync(body, token);
                if ((int)response.StatusCode >= 500)
                {
                    lock (failures)
                    {
                        failures.Add($"#{index} ({(toWebhook ? "webhook" : "activity")}) → {(int)response.StatusCode}: {Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(300, body.Length)))}");
                    }
                }
            }
        }));

        Assert.Empty(failures);
        Assert.Equal(before, await BusinessKeyCountAsync(prefix));
        var valid = await host.PostActivityAsync(TeamsActivities.PersonalMessage(host, TeamsUser.Author, "help"));
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
    }

    private static (bool ToWebhook, byte[] Body, bool Signed) Generate(BotTestHost host, Random random, int i)
    {
        var toWebhook = i % 4 == 3;
        if (toWebhook)
        {
            return (true, WebhookBody(random), random.Next(10) != 0);
        }

        var activity = random.Next(6) switch
        {
            0 => TeamsActivities.PersonalMessage(host, TeamsUser.Author, RandomString(random, random.Next(0, 60))),
            1 => TeamsActivities.ChannelMessage(host, TeamsUser.Approver, RandomString(random, random.Next(0, 60))),
            2 => TeamsActivities.CardAction(host, TeamsUser.Bystander, Verbs[random.Next(Verbs.Length)], RandomObject(random, 2), inChannel: random.Next(2) == 0, replyToId: random.Next(2) == 0 ? "1:" + random.Next() : null),
            3 => TeamsActivities.Invoke(host, TeamsUser.Author, RandomString(random, random.Next(0, 30)), RandomValue(random, 3) ?? new JsonObject(), inChannel: random.Next(2) == 0),
            4 => TeamsActivities.Invoke(host, TeamsUser.Author, random.Next(2) == 0 ? "composeExtension/fetchTask" : "composeExtension/submitAction", RandomObject(random, 3)),
            _ => TeamsActivities.PersonalMessage(host, TeamsUser.Author, "new post " + RandomString(random, 20)),
        };

        // Turns of one conversation run one after another; spread the load so the run is about the endpoint, not a queue.
        if (activity["conversation"] is JsonObject conversation)
        {
            conversation["id"] = string.Create(CultureInfo.InvariantCulture, $"19:fuzz-{i % 97}@thread.tacv2");
        }

        // Keep the envelope addressed to the recording connector (the token is bound to it), mangle everything else.
        var fields = activity.Select(p => p.Key).Where(k => k is not ("serviceUrl" or "recipient")).ToList();
        for (var mutations = random.Next(0, 4); mutations > 0; mutations--)
        {
            var field = fields[random.Next(fields.Count)];
            activity[field] = random.Next(3) == 0 ? null : RandomValue(random, 3);
        }

        var text = random.Next(20) switch
        {
            0 => RandomValue(random, 4)?.ToJsonString() ?? "null",
            1 => Nest(activity.ToJsonString(), random.Next(50, 3_000)),
            2 => activity.ToJsonString().Replace("\"text\":", "\"text\":\"" + new string('x', random.Next(10_000, 300_000)) + "\",\"t2\":", StringComparison.Ordinal),
            _ => activity.ToJsonString(),
        };
        var bytes = Encoding.UTF8.GetBytes(text);
        if (random.Next(25) == 0 && bytes.Length > 10)
        {
            bytes[random.Next(bytes.Length)] = (byte)(0xC0 + random.Next(0x3F));
        }

        return (false, bytes, true);
    }

    private static byte[] WebhookBody(Random random)
    {
        JsonNode? Mention() => random.Next(4) == 0
            ? RandomValue(random, 3)
            : new JsonObject
            {
                ["id"] = random.Next(3) == 0 ? RandomValue(random, 1) : RandomString(random, random.Next(0, 80)),
                ["source"] = random.Next(3) == 0 ? RandomValue(random, 1) : new[] { "x", "reddit", "tiktok", string.Empty, "X" }[random.Next(5)],
                ["url"] = random.Next(2) == 0 ? RandomString(random, 30) : null,
                ["author"] = random.Next(3) == 0 ? RandomValue(random, 2) : new JsonObject { ["handle"] = RandomString(random, 10), ["followers"] = random.Next(3) == 0 ? RandomValue(random, 1) : random.Next(-5, 1_000_000) },
                ["text"] = random.Next(3) == 0 ? RandomValue(random, 2) : string.Empty,
                ["createdAt"] = random.Next(2) == 0 ? RandomString(random, 20) : "2026-13-45T99:00:00Z",
                ["tenantId"] = random.Next(2) == 0 ? RandomValue(random, 1) : "not-our-tenant",
            };

        var body = random.Next(5) switch
        {
            0 => RandomValue(random, 4),
            1 => new JsonArray([.. Enumerable.Range(0, random.Next(0, 700)).Select(_ => Mention())]),
            _ => Mention(),
        };
        return Encoding.UTF8.GetBytes(body?.ToJsonString() ?? "null");
    }

    private static Task<HttpResponseMessage> PostWebhookAsync(BotTestHost host, byte[] body, bool signed)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/mentions") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add(MentionSignature.TimestampHeader, timestamp);
        request.Headers.Add(MentionSignature.SignatureHeader, signed ? MentionSignature.Sign(Secret, timestamp, body) : "sha256=" + Convert.ToHexString(body.AsSpan(0, Math.Min(32, body.Length))));
        return host.Client.SendAsync(request);
    }

    private static JsonNode? RandomValue(Random random, int depth) => random.Next(depth <= 0 ? 5 : 8) switch
    {
        0 => null,
        1 => random.Next(),
        2 => random.NextDouble() * 1e300,
        3 => random.Next(2) == 0,
        4 => RandomString(random, random.Next(0, 40)),
        5 => RandomObject(random, depth - 1),
        6 => new JsonArray([.. Enumerable.Range(0, random.Next(0, 5)).Select(_ => RandomValue(random, depth - 1))]),
        _ => long.MinValue,
    };

    private static JsonObject RandomObject(Random random, int depth)
    {
        var result = new JsonObject();
        foreach (var key in new[] { "draftId", "version", "mention", "rule", "page", "text", "networks", "comment", "reason", "command", "data", "verb", RandomString(random, 5) }.Where(_ => random.Next(3) == 0))
        {
            result[key] = random.Next(2) == 0 ? RandomString(random, random.Next(0, 20)) : RandomValue(random, depth);
        }

        return result;
    }

    private static string RandomString(Random random, int length)
    {
        const string alphabet = "abcP-0123456789 {}[]\"'\\<>&#@:;\u0000\u200f\u202eé✨🚀";
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return builder.ToString().Replace("\uD83D", string.Empty, StringComparison.Ordinal);
    }

    private static string Nest(string json, int depth) => new StringBuilder().Insert(0, "{\"a\":[", depth).Append(json).Append(']', depth).ToString().Replace("]", "]}", StringComparison.Ordinal);

    private async Task<long> BusinessKeyCountAsync(string prefix)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(RedisConnection.ParseOptions(redis.ConnectionString));
        var server = connection.GetServers().Single();
        long count = 0;
        await foreach (var key in server.KeysAsync(pattern: prefix + "*", pageSize: 1000))
        {
            var name = key.ToString();
            if (BusinessKeys.Any(k => name.Contains(k, StringComparison.Ordinal)))
            {
                count++;
            }
        }

        return count;
    }
}
