using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SocialBot.Bot.Features.Drafts;
using SocialBot.Bot.Features.Drafts.Rules;
using SocialBot.Bot.Ingestion;
using SocialBot.IntegrationTests.Hosting;
using SocialBot.IntegrationTests.State;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Features.Approvals;

[Collection(RedisCollection.Name)]
public sealed class ApprovalWebhookTests(RedisServerFixture redis)
{
    private const string Secret = "approval-webhook-secret-0123456789";

    private sealed record Received(string Timestamp, string Signature, byte[] Body);

    [Fact]
    public async Task Approve_WebhookConfigured_SignedPostRetriedUntilAccepted()
    {
        var received = new ConcurrentQueue<Received>();
        var arrived = new SemaphoreSlim(0);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var listener = builder.Build();
        listener.MapPost("/hook", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            received.Enqueue(new(context.Request.Headers["X-SocialBot-Timestamp"].ToString(), context.Request.Headers["X-SocialBot-Signature"].ToString(), buffer.ToArray()));
            arrived.Release();
            return received.Count == 1 ? Results.StatusCode(503) : Results.Ok();
        });
        await listener.StartAsync();
        var url = listener.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";

        await using var host = await BotTestHost.StartAsync(redis.ConnectionString, new Dictionary<string, string?>
        {
            ["State:KeyPrefix"] = redis.NewKeyPrefix(),
            ["Approvals:Approvers"] = TeamsUser.Approver.ObjectId,
            ["Approvals:WebhookUrl"] = url,
            ["Ingestion:Secret"] = Secret,
        });
        var drafts = host.Services.GetRequiredService<IDraftStore>();
        var author = new DraftPerson(TeamsUser.Author.ObjectId, TeamsUser.Author.ChannelId, TeamsUser.Author.Name);
        var draft = await drafts.CreateAsync(BotTestHost.TenantId, author, new DraftContent { Text = "Ship it \"today\" {ok}", Networks = [SocialNetwork.X] }, new DraftOrigin(), CancellationToken.None);
        draft = (await drafts.TryTransitionAsync(BotTestHost.TenantId, draft.Id, new HashSet<DraftStatus> { DraftStatus.Draft }, DraftStatus.Submitted, new DraftHistoryEntry(DateTimeOffset.UtcNow, "submitted", author, 1), CancellationToken.None)).Draft!;
        await host.Services.GetRequiredService<IDraftSubmissionListener>().OnSubmittedAsync(draft, author, CancellationToken.None);

        using var response = await host.PostActivityAsync(TeamsActivities.CardAction(host, TeamsUser.Approver, "approvals.approve", new JsonObject { ["draftId"] = draft.Id, ["version"] = "1" }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.True(await arrived.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.True(await arrived.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(2, received.Count);
        foreach (var delivery in received)
        {
            Assert.Equal(MentionSignature.Sign(Secret, delivery.Timestamp, delivery.Body), delivery.Signature);
        }

        var payload = JsonNode.Parse(Encoding.UTF8.GetString(received.Last().Body))!;
        Assert.Equal("post.approved", payload["event"]!.GetValue<string>());
        Assert.Equal(draft.Id, payload["draftId"]!.GetValue<string>());
        Assert.Equal("Ship it \"today\" {ok}", payload["text"]!.GetValue<string>());
        Assert.Equal(TeamsUser.Approver.ObjectId, payload["approvedById"]!.GetValue<string>());
        Assert.Equal("x", payload["networks"]![0]!.GetValue<string>());
    }
}
