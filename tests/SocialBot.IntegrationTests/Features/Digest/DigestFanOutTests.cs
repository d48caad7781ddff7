using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SocialBot.Bot.Features.Digest;
using SocialBot.Bot.Protocol.Schema;
using SocialBot.IntegrationTests.Hosting;
using SocialBot.IntegrationTests.State;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Features.Digest;

/// <summary>
/// 500 digests due in the same minute, sent by the real scheduler of a real host through the rate-limited sender to a
/// connector that enforces Teams' per-conversation limits, throttles some chats with 429 + Retry-After and answers
/// 403 for a chat the app was removed from.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class DigestFanOutTests(RedisServerFixture redis)
{
    private const int Subscriptions = 500;
    private const string Removed = "19:digest-000@thread.tacv2";

    [Fact]
    public async Task FiveHundredDueAtOnce_EachDeliveredOnce_ThrottledOnesRetried_RemovedOnePaused()
    {
        await using var host = await BotTestHost.StartAsync(redis.ConnectionString, new Dictionary<string, string?>
        {
            ["State:KeyPrefix"] = redis.NewKeyPrefix(),
            ["Digest:PollInterval"] = "00:00:01",
        });
        host.Connector.EnforceTeamsLimits = true;
        var throttled = Enumerable.Range(1, 20).Select(Conversation).ToList();
        foreach (var conversation in throttled)
        {
            host.Connector.FailNext(conversation, 1, HttpStatusCode.TooManyRequests, retryAfterSeconds: 1);
        }

        host.Connector.FailNext(Removed, 5, HttpStatusCode.Forbidden);
        var subscriptions = host.Services.GetRequiredService<DigestSubscriptionStore>();
        var due = DateTimeOffset.UtcNow.AddMinutes(-1);
        for (var i = 0; i < Subscriptions; i++)
        {
            var reference = new ConversationReference
            {
                ChannelId = "msteams",
                ServiceUrl = host.Connector.ServiceUrl,
                Conversation = new ConversationAccount { Id = Conversation(i), ConversationType = "channel" },
                TenantId = BotTestHost.TenantId,
            };
            await subscriptions.SaveAsync(new DigestSubscription(BotTestHost.TenantId, Conversation(i), new DigestSchedule(due.Hour, due.Minute, "UTC", false), reference), due, CancellationToken.None);
        }

        await host.Connector.WaitForAsync((IReadOnlyList<RecordedRequest> _) => Digests(host).Select(r => r.ConversationId).Distinct().Count() == Subscriptions - 1, TimeSpan.FromMinutes(2));
        var removed = await WaitForPausedAsync(subscriptions);

        var delivered = Digests(host);
        Assert.All(delivered.GroupBy(r => r.ConversationId), g => Assert.Single(g));
        Assert.DoesNotContain(delivered, r => r.ConversationId == Removed);
        Assert.True(removed.Paused);
        Assert.All(throttled, c => Assert.Contains(host.Connector.Requests, r => r.ConversationId == c && r.Status == 429));
        Assert.All(throttled, c => Assert.Contains(delivered, r => r.ConversationId == c));

        // Only the injected 429s: the limiter kept every chat inside Teams' per-conversation limits, retries included.
        // (The tenant-wide 30/s is proven on the limiter with a fake clock; measured here it would depend on how busy
        // the machine is, since the connector's clock and the limiter's are not the same.)
        Assert.Equal(throttled.Count, host.Connector.Requests.Count(r => r.Status == 429));
    }

    private static string Conversation(int i) => $"19:digest-{i:000}@thread.tacv2";

    private static List<RecordedRequest> Digests(BotTestHost host) =>
        [.. host.Connector.Delivered.Where(r => r.Method == "POST" && r.Body?.ToJsonString().Contains("Daily digest", StringComparison.Ordinal) == true)];

    private static async Task<DigestSubscription> WaitForPausedAsync(DigestSubscriptionStore subscriptions)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            if (await subscriptions.FindAsync(BotTestHost.TenantId, Removed, deadline.Token) is { Paused: true } paused)
            {
                return paused;
            }

            await Task.Delay(100, deadline.Token);
        }
    }
}
