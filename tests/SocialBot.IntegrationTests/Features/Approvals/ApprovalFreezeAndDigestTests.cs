using Microsoft.Extensions.DependencyInjection;
using SocialBot.Bot.Features.Approvals;
using SocialBot.Bot.Features.Digest;
using SocialBot.Bot.Features.Drafts;
using SocialBot.Bot.Features.Drafts.Rules;
using SocialBot.IntegrationTests.Hosting;
using SocialBot.IntegrationTests.State;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Features.Approvals;

[Collection(RedisCollection.Name)]
public sealed class ApprovalFreezeAndDigestTests(RedisServerFixture redis)
{
    private static readonly DraftPerson Author = new(TeamsUser.Author.ObjectId, TeamsUser.Author.ChannelId, TeamsUser.Author.Name);
    private static readonly DraftPerson Approver = new(TeamsUser.Approver.ObjectId, TeamsUser.Approver.ChannelId, TeamsUser.Approver.Name);

    private static async Task<Draft> SubmitAsync(BotTestHost host, string text, DateTimeOffset? publishAt = null)
    {
        var drafts = host.Services.GetRequiredService<IDraftStore>();
        var draft = await drafts.CreateAsync(BotTestHost.TenantId, Author, new DraftContent { Text = text, Networks = [SocialNetwork.X], PublishAt = publishAt }, new DraftOrigin(), CancellationToken.None);
        draft = (await drafts.TryTransitionAsync(BotTestHost.TenantId, draft.Id, new HashSet<DraftStatus> { DraftStatus.Draft }, DraftStatus.Submitted, new DraftHistoryEntry(DateTimeOffset.UtcNow, "submitted", Author, 1), CancellationToken.None)).Draft!;
        await host.Services.GetRequiredService<IDraftSubmissionListener>().OnSubmittedAsync(draft, Author, CancellationToken.None);
        return draft;
    }

    private static Task<ApprovalPressResult> ApproveAsync(BotTestHost host, Draft draft) =>
        host.Services.GetRequiredService<ApprovalWorkflow>().PressAsync(BotTestHost.TenantId, draft.Id, Approver, ApprovalAction.Approve, null, draft.ContentVersion, null, CancellationToken.None);

    private Task<BotTestHost> StartAsync() => BotTestHost.StartAsync(redis.ConnectionString, new Dictionary<string, string?>
    {
        ["State:KeyPrefix"] = redis.NewKeyPrefix(),
        ["Approvals:Approvers"] = TeamsUser.Approver.ObjectId,
    });

    [Fact]
    public async Task Freeze_ApprovedAndScheduled_FrozenUntilReapproved()
    {
        await using var host = await StartAsync();
        var approved = await SubmitAsync(host, "Approved one");
        var scheduled = await SubmitAsync(host, "Scheduled one", DateTimeOffset.UtcNow.AddDays(1));
        var pending = await SubmitAsync(host, "Still pending");
        await ApproveAsync(host, approved);
        await ApproveAsync(host, scheduled);
        var drafts = host.Services.GetRequiredService<IDraftStore>();

        var frozen = await host.Services.GetRequiredService<IScheduledPostFreezer>().FreezeAsync(BotTestHost.TenantId, Approver, "Mention spike", CancellationToken.None);

        Assert.Equal(2, frozen);
        Assert.Equal(DraftStatus.Frozen, (await drafts.GetAsync(BotTestHost.TenantId, approved.Id, CancellationToken.None))!.Status);
        Assert.Equal(DraftStatus.Frozen, (await drafts.GetAsync(BotTestHost.TenantId, scheduled.Id, CancellationToken.None))!.Status);
        Assert.Equal(DraftStatus.Submitted, (await drafts.GetAsync(BotTestHost.TenantId, pending.Id, CancellationToken.None))!.Status);

        var reapproved = await host.Services.GetRequiredService<ApprovalWorkflow>().PressAsync(BotTestHost.TenantId, scheduled.Id, Approver, ApprovalAction.Approve, null, null, null, CancellationToken.None);
        Assert.Equal(ApprovalOutcome.Decided, reapproved.Outcome);
        Assert.Equal(DraftStatus.Scheduled, (await drafts.GetAsync(BotTestHost.TenantId, scheduled.Id, CancellationToken.None))!.Status);
        Assert.Equal(1, await host.Services.GetRequiredService<IScheduledPostFreezer>().FreezeAsync(BotTestHost.TenantId, Approver, "again", CancellationToken.None));
    }

    [Fact]
    public async Task Unfreeze_ReleasesEveryFrozenPost_OnlyApproversMay()
    {
        await using var host = await StartAsync();
        var approved = await SubmitAsync(host, "Approved one");
        var scheduled = await SubmitAsync(host, "Scheduled one", DateTimeOffset.UtcNow.AddDays(1));
        await ApproveAsync(host, approved);
        await ApproveAsync(host, scheduled);
        var freezer = host.Services.GetRequiredService<IScheduledPostFreezer>();
        var drafts = host.Services.GetRequiredService<IDraftStore>();
        Assert.Equal(2, await freezer.FreezeAsync(BotTestHost.TenantId, Approver, "Mention spike", CancellationToken.None));

        Assert.Equal(2, await freezer.UnfreezeAsync(BotTestHost.TenantId, Approver, CancellationToken.None));
        Assert.Equal(0, await freezer.UnfreezeAsync(BotTestHost.TenantId, Approver, CancellationToken.None));

        Assert.Equal(DraftStatus.Approved, (await drafts.GetAsync(BotTestHost.TenantId, approved.Id, CancellationToken.None))!.Status);
        Assert.Equal(DraftStatus.Scheduled, (await drafts.GetAsync(BotTestHost.TenantId, scheduled.Id, CancellationToken.None))!.Status);
        Assert.True(await freezer.MayFreezeAsync(BotTestHost.TenantId, Approver, CancellationToken.None));
        Assert.False(await freezer.MayFreezeAsync(BotTestHost.TenantId, new DraftPerson(TeamsUser.Bystander.ObjectId, TeamsUser.Bystander.ChannelId, TeamsUser.Bystander.Name), CancellationToken.None));
    }

    [Fact]
    public async Task Digest_WaitingScheduledAndPerApprover_RealNumbers()
    {
        await using var host = await StartAsync();
        var now = DateTimeOffset.UtcNow;
        await SubmitAsync(host, "Waiting one");
        await SubmitAsync(host, "Waiting two");
        var scheduled = await SubmitAsync(host, "Goes out soon", now.AddMinutes(1));
        await ApproveAsync(host, scheduled);
        var query = new DigestQuery(BotTestHost.TenantId, "conv", now.AddSeconds(30), TimeZoneInfo.Utc);

        var approvals = await host.Services.GetRequiredService<IDigestApprovalsSource>().GetAsync(query, CancellationToken.None);
        var publishing = await host.Services.GetRequiredService<IDigestPublishingSource>().GetAsync(query, CancellationToken.None);

        Assert.Equal(2, approvals.Waiting);
        Assert.NotNull(approvals.OldestWaiting);
        Assert.Equal(2, approvals.WaitingByApprover[TeamsUser.Approver.ObjectId]);
        Assert.Equal([TeamsUser.Approver.ChannelId], approvals.WaitingApproverChannelIds);
        var line = Assert.Single(publishing.ScheduledToday, l => l.DraftId == scheduled.Id);
        Assert.Equal("Goes out soon", line.Excerpt);
        Assert.Equal(["X"], line.Networks);
    }
}
