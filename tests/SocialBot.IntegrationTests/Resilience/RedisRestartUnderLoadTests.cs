using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SocialBot.Bot.Features.Drafts;
using SocialBot.Bot.Features.Mentions;
using SocialBot.Bot.State;
using SocialBot.Bot.Turns;
using SocialBot.IntegrationTests.Hosting;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Resilience;

/// <summary>
/// Drafts saved from the card and mentions posted to the webhook keep flowing while the real redis-server is shut down
/// for 10 seconds and started again on the same data: nothing that was acknowledged is missing afterwards, people in the
/// gap got the storage message, nothing answered 5xx, and the bot recovered without a restart.
/// </summary>
public sealed partial class RedisRestartUnderLoadTests
{
    private const string Secret = "restart-load-secret-0123456789";
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RedisDownTenSecondsUnderLoad_NothingAcknowledgedIsLost_BotRecovers()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var host = await BotTestHost.StartAsync(redis.ConnectionString, new Dictionary<string, string?>
        {
            ["Ingestion:Secret"] = Secret,
            ["Ingestion:PollInterval"] = "00:00:00.100",

            // A mention the worker had read when Redis went away stays pending until it is reclaimed (2 minutes by default).
            ["Ingestion:ReclaimIdleTime"] = "00:00:05",
        });
        var savedDrafts = new ConcurrentBag<string>();
        var acceptedMentions = new ConcurrentBag<string>();
        var storageMessages = 0;
        var serverErrors = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();

        async Task DraftLoopAsync(int loop)
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var response = await host.PostActivityAsync(TeamsActivities.CardAction(host, TeamsUser.Author, "drafts.save", new JsonObject { ["text"] = $"Load draft {loop}-{n}", ["networks"] = "x" }));
                var body = Regex.Unescape(await response.Content.ReadAsStringAsync());
                if ((int)response.StatusCode >= 500)
                {
                    serverErrors.Add($"draft {(int)response.StatusCode}: {body}");
                }
                else if (SavedId().Match(body) is { Success: true } saved)
                {
                    savedDrafts.Add(saved.Groups[1].Value);
                }
                else if (body.Contains(TurnFailureResponder.StorageDown, StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref storageMessages);
                }

                await Task.Delay(50);
            }
        }

        async Task MentionLoopAsync(int loop)
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var id = $"load-{loop}-{n}";
                var response = await MentionWebhook.PostSignedAsync(host.Client, Secret, new JsonObject
                {
                    ["id"] = id,
                    ["source"] = "x",
                    ["author"] = new JsonObject { ["handle"] = "@fan" },
                    ["text"] = "acme during the outage " + id,
                    ["createdAt"] = DateTimeOffset.UtcNow.ToString("O"),
                    ["tenantId"] = BotTestHost.TenantId,
                });
                if ((int)response.StatusCode >= 500 && response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    serverErrors.Add($"mention {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
                else if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    acceptedMentions.Add(id);
                }

                await Task.Delay(50);
            }
        }

        var load = Task.WhenAll(DraftLoopAsync(1), DraftLoopAsync(2), MentionLoopAsync(1), MentionLoopAsync(2));
        await Task.Delay(TimeSpan.FromSeconds(2));
        await redis.ShutdownAsync();
        await Task.Delay(Outage);
        await redis.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(4));
        await stop.CancelAsync();
        await load;

        Assert.Empty(serverErrors);
        Assert.True(storageMessages > 0, "Nobody pressed Save during the outage, so the test did not test the gap.");
        Assert.NotEmpty(savedDrafts);
        Assert.NotEmpty(acceptedMentions);

        var drafts = host.Services.GetRequiredService<IDraftStore>();
        foreach (var id in savedDrafts)
        {
            Assert.NotNull(await drafts.GetAsync(BotTestHost.TenantId, id, CancellationToken.None));
        }

        var mentions = host.Services.GetRequiredService<MentionStore>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        foreach (var id in acceptedMentions)
        {
            while (await mentions.GetAsync(BotTestHost.TenantId, StoreKey.Digest("x:" + id), deadline.Token) is null)
            {
                await Task.Delay(200, deadline.Token);
            }
        }

        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/readyz")).StatusCode);
    }

    [GeneratedRegex(@"(P-\d+) saved")]
    private static partial Regex SavedId();
}
