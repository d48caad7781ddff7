using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SocialBot.Bot.Features.Approvals;
using SocialBot.Bot.Features.Drafts;
using SocialBot.Bot.Features.Mentions;
using SocialBot.Bot.State;
using SocialBot.Bot.Turns;
using SocialBot.IntegrationTests.Hosting;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Resilience;

/// <summary>
/// Drafts saved from the card, mentions posted to the webhook and approvers pressing Approve keep flowing while the real
/// redis-server is shut down for 10 seconds and started again on the same data: nothing that was acknowledged is missing
/// afterwards, people in the gap got the storage message, nothing answered 5xx, and the bot recovered without a restart.
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
                var (status, body) = await PostAsync(host, TeamsActivities.CardAction(host, TeamsUser.Author, "drafts.save", new JsonObject { ["text"] = $"Load draft {loop}-{n}", ["networks"] = "x" }));
                if ((int)status >= 500)
                {
                    serverErrors.Add($"draft {(int)status}: {body}");
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

        await ThroughOutageAsync(redis, stop, DraftLoopAsync(1), DraftLoopAsync(2), MentionLoopAsync(1), MentionLoopAsync(2));

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

    [Fact]
    public async Task RedisDownTenSecondsWhileApproving_EveryAcknowledgedApprovalKept_GapGetsStorageMessage()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var host = await BotTestHost.StartAsync(redis.ConnectionString, new Dictionary<string, string?>
        {
            ["Approvals:Approvers"] = TeamsUser.Approver.ObjectId,
        });

        // Submitted over HTTP before the outage; the last few are never pressed during the load, for the fresh press afterwards.
        var submitted = new List<(string Id, int Version)>();
        for (var n = 0; n < 64; n++)
        {
            var (status, body) = await PostAsync(host, TeamsActivities.CardAction(host, TeamsUser.Author, "drafts.submit", new JsonObject { ["text"] = $"Launch note {n} #acme", ["networks"] = "x" }));
            Assert.Equal(HttpStatusCode.OK, status);
            var id = Assert.Single(SubmittedId().Matches(body).Select(m => m.Groups[1].Value).Distinct());
            var draft = await host.Services.GetRequiredService<IDraftStore>().GetAsync(BotTestHost.TenantId, id, CancellationToken.None);
            Assert.Equal(DraftStatus.Submitted, draft!.Status);
            submitted.Add((id, draft.ContentVersion));
        }

        var fresh = submitted[^4..];
        var undecided = new ConcurrentQueue<(string Id, int Version)>(submitted[..^4]);
        var approved = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var storageMessages = 0;
        var serverErrors = new ConcurrentBag<string>();
        var otherAnswers = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();

        // An approver works down the queue; a press answered with the storage message is pressed again later, as a person would.
        async Task ApproveLoopAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                if (undecided.TryDequeue(out var draft))
                {
                    var (status, body) = await PressApproveAsync(host, draft.Id, draft.Version);
                    if ((int)status >= 500)
                    {
                        serverErrors.Add($"approve {draft.Id} {(int)status}: {body}");
                    }
                    else if (body.Contains(ApprovedByApprover, StringComparison.Ordinal))
                    {
                        approved[draft.Id] = true;
                    }
                    else if (body.Contains(TurnFailureResponder.StorageDown, StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref storageMessages);
                    }
                    else
                    {
                        otherAnswers.Add($"approve {draft.Id}: {body}");
                    }

                    if (!approved.ContainsKey(draft.Id))
                    {
                        undecided.Enqueue(draft);
                    }
                }

                await Task.Delay(150);
            }
        }

        await ThroughOutageAsync(redis, stop, ApproveLoopAsync(), ApproveLoopAsync());

        Assert.Empty(serverErrors);
        Assert.Empty(otherAnswers);
        Assert.True(storageMessages > 0, "No Approve was pressed during the outage, so the test did not test the gap.");
        Assert.NotEmpty(approved);

        var drafts = host.Services.GetRequiredService<IDraftStore>();
        var requests = host.Services.GetRequiredService<ApprovalRequestStore>();
        foreach (var id in approved.Keys)
        {
            var request = await requests.GetAsync(BotTestHost.TenantId, id, CancellationToken.None);
            Assert.True(request?.Value.State is ApprovalState.Approved or ApprovalState.Scheduled, $"{id} was acknowledged as approved but its approval request is {request?.Value.State.ToString() ?? "missing"}.");
            var draft = await drafts.GetAsync(BotTestHost.TenantId, id, CancellationToken.None);
            Assert.True(draft?.Status is DraftStatus.Approved or DraftStatus.Scheduled, $"{id} was acknowledged as approved but the draft is {draft?.Status.ToString() ?? "missing"}.");
        }

        // Recovered without a restart: a press on a draft nobody decided yet works like before the outage.
        var (freshStatus, freshBody) = await PressApproveAsync(host, fresh[0].Id, fresh[0].Version);
        Assert.Equal(HttpStatusCode.OK, freshStatus);
        Assert.Contains(ApprovedByApprover, freshBody, StringComparison.Ordinal);
        Assert.Equal(DraftStatus.Approved, (await drafts.GetAsync(BotTestHost.TenantId, fresh[0].Id, CancellationToken.None))!.Status);
        foreach (var (id, _) in fresh[1..])
        {
            Assert.Equal(ApprovalState.Pending, (await requests.GetAsync(BotTestHost.TenantId, id, CancellationToken.None))!.Value.State);
        }

        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/readyz")).StatusCode);
    }

    private const string ApprovedByApprover = "Approved by Adele Vance";

    /// <summary>Runs the load for 2 s with Redis up, 10 s with it shut down, 4 s after it started again on the same data.</summary>
    private static async Task ThroughOutageAsync(RedisServer redis, CancellationTokenSource stop, params Task[] loops)
    {
        var load = Task.WhenAll(loops);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await redis.ShutdownAsync();
        await Task.Delay(Outage);
        await redis.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(4));
        await stop.CancelAsync();
        await load;
    }

    private static Task<(HttpStatusCode Status, string Body)> PressApproveAsync(BotTestHost host, string draftId, int version) =>
        PostAsync(host, TeamsActivities.CardAction(host, TeamsUser.Approver, "approvals.approve", new JsonObject
        {
            ["draftId"] = draftId,
            ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));

    /// <summary>Posts an activity; the body comes back with JSON escapes undone, so user text can be searched.</summary>
    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(BotTestHost host, JsonObject activity)
    {
        using var response = await host.PostActivityAsync(activity);
        return (response.StatusCode, Regex.Unescape(await response.Content.ReadAsStringAsync()));
    }

    [GeneratedRegex(@"(P-\d+) saved")]
    private static partial Regex SavedId();

    [GeneratedRegex(@"(P-\d+) sent for approval")]
    private static partial Regex SubmittedId();
}
