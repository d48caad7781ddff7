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
using SocialBot.Bot.Features.Approvals;
using SocialBot.Bot.Features.Drafts;
using SocialBot.Bot.Features.Drafts.Rules;
using SocialBot.Bot.Proactive;
using SocialBot.Bot.Protocol.Schema;
using SocialBot.IntegrationTests.Hosting;
using SocialBot.IntegrationTests.State;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Features.Approvals;

/// <summary>
/// The card update and the webhook after a decision live in the tenant's follow-up queue in Redis: when the host that
/// recorded the decision goes away before doing them, the next host does them, once.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class ApprovalFollowUpCrashTests(RedisServerFixture redis)
{
    private const string Secret = "approval-webhook-secret-0123456789";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <summary>Sends normally but never finishes a card update, as if the process died in the middle of it.</summary>
    private sealed class UpdatesThatHang(IProactiveSender inner, TaskCompletionSource entered) : IProactiveSender
    {
        public Task<ResourceResponse> SendAsync(ConversationReference reference, Activity activity, CancellationToken ct) => inner.SendAsync(reference, activity, ct);

        public async Task UpdateAsync(ConversationReference reference, string activityId, Activity activity, CancellationToken ct)
        {
            entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        }

        public Task<ConversationReference> CreatePersonalConversationAsync(ConversationReference anyReferenceInTenant, ChannelAccount user, CancellationToken ct) =>
            inner.CreatePersonalConversationAsync(anyReferenceInTenant, user, ct);
    }

    /// <summary>A webhook receiver that never gets the request: the call hangs until the host stops.</summary>
    private sealed class HangingHandler(TaskCompletionSource entered) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }

    private static Dictionary<string, string?> Settings(string prefix, string? webhookUrl = null)
    {
        var settings = new Dictionary<string, string?> { ["State:KeyPrefix"] = prefix, ["Approvals:Approvers"] = TeamsUser.Approver.ObjectId };
        if (webhookUrl is not null)
        {
            settings["Approvals:WebhookUrl"] = webhookUrl;
            settings["Ingestion:Secret"] = Secret;
        }

        return settings;
    }

    /// <summary>The activity as if Teams sent it from <paramref name="connector"/>, which outlives the host that dies.</summary>
    private static JsonObject Via(RecordingConnector connector, JsonObject activity)
    {
        activity["serviceUrl"] = connector.ServiceUrl;
        return activity;
    }

    private static async Task<Draft> SubmitAndApproveAsync(BotTestHost host, RecordingConnector connector)
    {
        using (await host.PostActivityAsync(Via(connector, TeamsActivities.ChannelMessage(host, TeamsUser.Approver, "approvals here"))))
        {
        }

        await connector.WaitForAsync(r => r.Text?.Contains("Approval requests will be posted here", StringComparison.Ordinal) == true, Wait);
        var drafts = host.Services.GetRequiredService<IDraftStore>();
        var author = new DraftPerson(TeamsUser.Author.ObjectId, TeamsUser.Author.ChannelId, TeamsUser.Author.Name);
        var draft = await drafts.CreateAsync(BotTestHost.TenantId, author, new DraftContent { Text = "Crash-proof launch", Networks = [SocialNetwork.X] }, new DraftOrigin(), CancellationToken.None);
        draft = (await drafts.TryTransitionAsync(BotTestHost.TenantId, draft.Id, new HashSet<DraftStatus> { DraftStatus.Draft }, DraftStatus.Submitted, new DraftHistoryEntry(DateTimeOffset.UtcNow, "submitted", author, 1), CancellationToken.None)).Draft!;
        await host.Services.GetRequiredService<IDraftSubmissionListener>().OnSubmittedAsync(draft, author, CancellationToken.None);
        await connector.WaitForAsync(r => r.Method == "POST" && r.ConversationId == TeamsActivities.ChannelConversationId && r.Body?.ToJsonString().Contains("approvals.refresh", StringComparison.Ordinal) == true, Wait);

        var approve = TeamsActivities.CardAction(host, TeamsUser.Approver, "approvals.approve", new JsonObject { ["draftId"] = draft.Id, ["version"] = "1" }, inChannel: true);
        using var response = await host.PostActivityAsync(Via(connector, approve));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Approved by Adele Vance", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        return draft;
    }

    private static async Task WaitUntilQueueEmptyAsync(BotTestHost host)
    {
        var queue = host.Services.GetRequiredService<ApprovalFollowUpQueue>();
        using var deadline = new CancellationTokenSource(Wait);
        while (await queue.CountAsync(BotTestHost.TenantId, CancellationToken.None) > 0)
        {
            await Task.Delay(50, deadline.Token);
        }
    }

    private static int Count(RecordingConnector connector, string method, string text) =>
        connector.Requests.Count(r => r.Method == method && r.Body?.ToJsonString().Contains(text, StringComparison.Ordinal) == true);

    [Fact]
    public async Task Decision_HostGoneBeforeTheCardUpdate_NextHostUpdatesOnceAndTellsTheAuthorOnce()
    {
        var prefix = redis.NewKeyPrefix();
        await using var connector = await RecordingConnector.StartAsync();
        var updating = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = await BotTestHost.StartAsync(redis.ConnectionString, Settings(prefix), services =>
            services.AddTransient<IProactiveSender>(sp => new UpdatesThatHang(ActivatorUtilities.CreateInstance<ProactiveSender>(sp), updating)));
        Draft draft;
        try
        {
            draft = await SubmitAndApproveAsync(first, connector);
            await updating.Task.WaitAsync(Wait);
            Assert.Equal(1, await first.Services.GetRequiredService<ApprovalFollowUpQueue>().CountAsync(BotTestHost.TenantId, CancellationToken.None));
        }
        finally
        {
            await first.DisposeAsync();
        }

        Assert.Equal(0, Count(connector, "PUT", "Approved by Adele Vance"));
        Assert.Equal(0, Count(connector, "POST", "was approved"));

        await using var second = await BotTestHost.StartAsync(redis.ConnectionString, Settings(prefix));
        await connector.WaitForAsync(r => r.Method == "POST" && r.Body?.ToJsonString().Contains($"{draft.Id} was approved", StringComparison.Ordinal) == true, Wait);
        await WaitUntilQueueEmptyAsync(second);

        Assert.Equal(1, Count(connector, "PUT", "Approved by Adele Vance"));
        Assert.Equal(1, Count(connector, "POST", $"{draft.Id} was approved"));
        Assert.Equal(DraftStatus.Approved, (await second.Services.GetRequiredService<IDraftStore>().GetAsync(BotTestHost.TenantId, draft.Id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Approval_HostGoneBeforeTheWebhook_NextHostDeliversItOnce()
    {
        var received = new ConcurrentQueue<(string Delivery, byte[] Body)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var listener = builder.Build();
        listener.MapPost("/hook", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            received.Enqueue((context.Request.Headers["X-SocialBot-Delivery"].ToString(), buffer.ToArray()));
            return Results.Ok();
        });
        await listener.StartAsync();
        var url = listener.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";

        var prefix = redis.NewKeyPrefix();
        await using var connector = await RecordingConnector.StartAsync();
        var posting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = await BotTestHost.StartAsync(redis.ConnectionString, Settings(prefix, url), services =>
            services.AddHttpClient(ApprovalWebhook.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new HangingHandler(posting)));
        Draft draft;
        try
        {
            draft = await SubmitAndApproveAsync(first, connector);
            await posting.Task.WaitAsync(Wait);
        }
        finally
        {
            await first.DisposeAsync();
        }

        Assert.Empty(received);

        await using var second = await BotTestHost.StartAsync(redis.ConnectionString, Settings(prefix, url));
        await WaitUntilQueueEmptyAsync(second);

        var (delivery, body) = Assert.Single(received);
        Assert.StartsWith(draft.Id + ":1:", delivery, StringComparison.Ordinal);
        Assert.Equal("Crash-proof launch", JsonNode.Parse(Encoding.UTF8.GetString(body))!["text"]!.GetValue<string>());
        Assert.Equal(1, Count(connector, "PUT", "Approved by Adele Vance"));
    }
}
