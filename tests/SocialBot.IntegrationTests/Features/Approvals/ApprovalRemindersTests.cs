using Microsoft.Extensions.DependencyInjection;
using SocialBot.Bot.Features.Approvals;
using SocialBot.Bot.Features.Drafts;
using SocialBot.Bot.Features.Drafts.Rules;
using SocialBot.IntegrationTests.Hosting;
using SocialBot.IntegrationTests.State;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Features.Approvals;

/// <summary>Reminders, escalation and expiry with a fake clock; due items in Redis, claimed once across instances.</summary>
[Collection(RedisCollection.Name)]
public sealed class ApprovalRemindersTests(RedisServerFixture redis)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static async Task<(BotTestHost Host, TimerAwareFakeTimeProvider Clock)> StartAsync(string prefix)
    {
        var clock = new TimerAwareFakeTimeProvider();
        clock.SetUtcNow(DateTimeOffset.UtcNow);
        return (await BotTestHost.StartAsync(
            prefix.Split('|')[0],
            new Dictionary<string, string?> { ["State:KeyPrefix"] = prefix.Split('|')[1], ["Approvals:Approvers"] = TeamsUser.Approver.ObjectId },
            services => services.AddSingleton<TimeProvider>(clock)), clock);
    }

    private static async Task<Draft> SubmitAsync(BotTestHost host, DateTimeOffset? publishAt)
    {
        var drafts = host.Services.GetRequiredService<IDraftStore>();
        var author = new DraftPerson(TeamsUser.Author.ObjectId, TeamsUser.Author.ChannelId, TeamsUser.Author.Name);
        var draft = await drafts.CreateAsync(BotTestHost.TenantId, author, new DraftContent { Text = "Winter launch", Networks = [SocialNetwork.X], PublishAt = publishAt }, new DraftOrigin(), CancellationToken.None);
        draft = (await drafts.TryTransitionAsync(BotTestHost.TenantId, draft.Id, new HashSet<DraftStatus> { DraftStatus.Draft }, DraftStatus.Submitted, new DraftHistoryEntry(DateTimeOffset.UtcNow, "submitted", author, 1), CancellationToken.None)).Draft!;
        await host.Services.GetRequiredService<IDraftSubmissionListener>().OnSubmittedAsync(draft, author, CancellationToken.None);
        return draft;
    }

    private static async Task ApprovalsHereAsync(BotTestHost host)
    {
        using (await host.PostActivityAsync(TeamsActivities.ChannelMessage(host, TeamsUser.Approver, "approvals here")))
        {
        }

        await host.Connector.WaitForAsync(r => r.Text?.Contains("Approval requests will be posted here", StringComparison.Ordinal) == true, Wait);
    }

    private static int Count(BotTestHost host, string text) =>
        host.Connector.Requests.Count(r => r.Method == "POST" && r.Body?.ToJsonString().Contains(text, StringComparison.Ordinal) == true);

    [Fact]
    public async Task Due_AfterSlaTwiceSlaAndPublishTime_RemindEscalateExpire()
    {
        var (host, clock) = await StartAsync(redis.ConnectionString + "|" + redis.NewKeyPrefix());
        await using var _ = host;
        await ApprovalsHereAsync(host);
        var draft = await SubmitAsync(host, clock.GetUtcNow().AddHours(10));
        var reminders = host.Services.GetRequiredService<ApprovalReminders>();

        clock.Advance(TimeSpan.FromHours(3));
        await reminders.RunDueAsync(CancellationToken.None);
        Assert.Equal(0, Count(host, "is waiting for your decision"));

        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        await reminders.RunDueAsync(CancellationToken.None);
        await host.Connector.WaitForAsync(r => r.Method == "POST" && r.Body?.ToJsonString().Contains("is waiting for your decision", StringComparison.Ordinal) == true, Wait);

        clock.Advance(TimeSpan.FromHours(4));
        await reminders.RunDueAsync(CancellationToken.None);
        var escalation = await host.Connector.WaitForAsync(
            r => r.Method == "POST" && r.ConversationId == TeamsActivities.ChannelConversationId && r.Body?.ToJsonString().Contains("is overdue", StringComparison.Ordinal) == true,
            Wait);
        Assert.Contains(TeamsUser.Approver.ChannelId, escalation.Body!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("\"mention\"", escalation.Body!.ToJsonString(), StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromHours(2));
        await reminders.RunDueAsync(CancellationToken.None);
        await host.Connector.WaitForAsync((IReadOnlyList<RecordedRequest> _) => Count(host, "expired") >= 2, Wait);
        var stored = await host.Services.GetRequiredService<IDraftStore>().GetAsync(BotTestHost.TenantId, draft.Id, CancellationToken.None);
        Assert.Equal(DraftStatus.Expired, stored!.Status);
        Assert.Equal(1, Count(host, "is waiting for your decision"));
        Assert.Equal(1, Count(host, "is overdue"));
    }

    [Fact]
    public async Task Due_TwoInstancesSharingRedis_EachReminderSentOnce()
    {
        var prefix = redis.ConnectionString + "|" + redis.NewKeyPrefix();
        var (first, clock1) = await StartAsync(prefix);
        await using var a = first;
        var (second, clock2) = await StartAsync(prefix);
        await using var b = second;
        await ApprovalsHereAsync(first);
        await SubmitAsync(first, null);

        clock1.Advance(TimeSpan.FromHours(4) + TimeSpan.FromMinutes(1));
        clock2.Advance(TimeSpan.FromHours(4) + TimeSpan.FromMinutes(1));
        await Task.WhenAll(
            first.Services.GetRequiredService<ApprovalReminders>().RunDueAsync(CancellationToken.None),
            second.Services.GetRequiredService<ApprovalReminders>().RunDueAsync(CancellationToken.None));

        bool Sent(IReadOnlyList<RecordedRequest> _) => Count(first, "is waiting for your decision") + Count(second, "is waiting for your decision") >= 1;
        await await Task.WhenAny(first.Connector.WaitForAsync(Sent, Wait), second.Connector.WaitForAsync(Sent, Wait));
        await Task.WhenAll(
            first.Services.GetRequiredService<ApprovalReminders>().RunDueAsync(CancellationToken.None),
            second.Services.GetRequiredService<ApprovalReminders>().RunDueAsync(CancellationToken.None));
        Assert.Equal(1, Count(first, "is waiting for your decision") + Count(second, "is waiting for your decision"));
    }
}
