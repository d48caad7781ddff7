using System.Globalization;
using Humanizer;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SocialBot.Bot.Features.Drafts;
using SocialBot.Bot.Proactive;
using SocialBot.Bot.State;
using SocialBot.Bot.Turns;
using SocialBot.Cards.AdaptiveCards;
using SocialBot.Cards.Approvals;

namespace SocialBot.Bot.Features.Approvals;

/// <summary>
/// Reminders after the SLA, escalations in the approval channel after twice the SLA, and expiry at the publish time.
/// Due items live in the store (<c>{global}:approvals:due</c>, scored by due time), so they survive restarts; each one is
/// claimed before it is acted on, so several instances send it once. Items for an older submission are dropped.
/// </summary>
internal sealed partial class ApprovalReminders(
    IStateStore store,
    ApprovalPolicyStore policies,
    ApprovalRequestStore requests,
    DeferredDraftStore drafts,
    ApprovalFollowUpQueue followUps,
    IServiceProvider services,
    TimeProvider clock,
    ILogger<ApprovalReminders> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private static readonly StoreKey DueKey = StoreKey.Global("approvals", "due");
    private readonly string owner = Guid.NewGuid().ToString("N");

    /// <summary>Schedules the reminder, escalation and expiry of the submission in <paramref name="request"/>.</summary>
    public async Task ScheduleAsync(ApprovalRequest request, ApprovalPolicy policy, CancellationToken ct)
    {
        var stage = policy.Stages.Count == 0 ? null : policy.Stages[0];
        var sla = stage is null ? TimeSpan.FromHours(4) : request.Urgent ? stage.UrgentSla : stage.Sla;
        await AddAsync(request, "remind", request.SubmittedAt + sla, ct);
        await AddAsync(request, "escalate", request.SubmittedAt + (2 * sla), ct);
        if (request.PublishAt is { } publishAt)
        {
            await AddAsync(request, "expire", publishAt, ct);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }

            await Task.Delay(Interval, clock, stoppingToken);
        }
    }

    /// <summary>Acts on every item due now; returns how many this instance handled.</summary>
    internal async Task<int> RunDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var handled = 0;
        var due = await store.SortedSetRangeByScoreAsync(DueKey, double.NegativeInfinity, now.ToUnixTimeMilliseconds(), StoreOrder.Ascending, 0, 100, ct);
        foreach (var item in due)
        {
            var claim = StoreKey.Global("approvals", "due-claim", StoreKey.Digest(item.Member));
            if (!await store.TryClaimAsync(claim, owner, TimeSpan.FromDays(2), ct))
            {
                continue;
            }

            var parts = item.Member.Split('|');
            if (parts.Length == 4 && long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var stamp))
            {
                await HandleAsync(parts[0], parts[1], parts[2], stamp, now, ct);
                handled++;
            }

            await store.SortedSetRemoveAsync(DueKey, item.Member, ct);
        }

        return handled;
    }

    private async Task HandleAsync(string tenantId, string draftId, string kind, long stamp, DateTimeOffset now, CancellationToken ct)
    {
        var stored = await requests.GetAsync(tenantId, draftId, ct);
        if (stored?.Value is not { State: ApprovalState.Pending } request || request.SubmittedAt.ToUnixTimeMilliseconds() != stamp)
        {
            return;
        }

        var policy = await policies.GetAsync(request.PolicyScope, ct);
        var draft = await drafts.GetAsync(tenantId, draftId, ct);
        var stage = policy.Stages.Count == 0 ? null : policy.Stages[Math.Min(request.StageIndex, policy.Stages.Count - 1)];
        var waitingFor = (stage?.Approvers ?? [])
            .Where(a => !ApproverIdentity.Same(a, request.Author) && !request.StageApprovals.Any(s => ApproverIdentity.Same(s, a)))
            .ToList();
        var people = new PersonalChats(services.GetRequiredService<IProactiveSender>(), services.GetRequiredService<IConversationReferenceStore>(), policy, tenantId);
        var age = (now - request.SubmittedAt).Humanize(culture: CultureInfo.InvariantCulture);
        var excerpt = draft?.Content.Text;
        LogDue(logger, kind, draftId);
        switch (kind)
        {
            case "remind":
                foreach (var approver in waitingFor)
                {
                    await people.SendAsync(approver, new ApprovalNoticeModel($"⏰ {draftId} is waiting for your decision", $"{CardText.Plain(request.Author.Name ?? "Someone")}'s post has been waiting {age}. Please decide on the approval card.", excerpt), ct);
                }

                break;
            case "escalate":
                var mentions = waitingFor.Where(a => a.ChannelAccountId is not null).Select(a => Mention.Of(a.ChannelAccountId!, a.Name ?? "approver")).ToList();
                var names = mentions.Count > 0 ? string.Join(", ", mentions.Select(m => m.Text)) : "Approvers";
                var notice = new ApprovalNoticeModel($"🚨 {draftId} is overdue", $"{names}: this post has been waiting {age}, twice the agreed time. Please decide.", excerpt, null, mentions);
                if (policy.Channel is { } channel)
                {
                    await services.GetRequiredService<IProactiveSender>().SendAsync(channel, CardActivities.Message(channel, ApprovalNoticeCard.Build(notice)), ct);
                }
                else
                {
                    foreach (var approver in waitingFor)
                    {
                        await people.SendAsync(approver, notice with { Mentions = null, Text = $"This post has been waiting {age}, twice the agreed time. Please decide." }, ct);
                    }
                }

                break;
            case "expire":
                await ExpireAsync(request, stored.Version, policy, people, excerpt, now, ct);
                break;
        }
    }

    private async Task ExpireAsync(ApprovalRequest request, long version, ApprovalPolicy policy, PersonalChats people, string? excerpt, DateTimeOffset now, CancellationToken ct)
    {
        var system = new DraftPerson("socialbot", null, "SocialBot");
        var expired = request with { State = ApprovalState.Expired, Decision = new ApprovalDecisionRecord(ApprovalAction.Reject, system, now, "Still pending at its publish time") };
        var update = followUps.ForFanout(new ApprovalFanoutWork(request.TenantId, request.DraftId, ApprovalFanoutKind.Decided, ApprovalOutcome.Recorded));
        if (!await requests.TrySaveAsync(expired, version, [update], ct))
        {
            return;
        }

        await drafts.TryTransitionAsync(request.TenantId, request.DraftId, new HashSet<DraftStatus> { DraftStatus.Submitted }, DraftStatus.Expired, new DraftHistoryEntry(now, "expired", system, request.ContentVersion), ct);
        var notice = new ApprovalNoticeModel($"⌛ {request.DraftId} expired", "Nobody decided before its publish time, so it won't be published. Pick a new time and submit it again.", excerpt, request.DraftId);
        await people.SendAsync(request.Author, notice, ct);
        if (policy.Channel is { } channel)
        {
            await services.GetRequiredService<IProactiveSender>().SendAsync(channel, CardActivities.Message(channel, ApprovalNoticeCard.Build(notice with { EditDraftId = null, Text = "Nobody decided before its publish time; the author was told." })), ct);
        }
    }

    private Task AddAsync(ApprovalRequest request, string kind, DateTimeOffset due, CancellationToken ct) =>
        store.SortedSetAddAsync(
            DueKey,
            string.Create(CultureInfo.InvariantCulture, $"{StoreKey.TenantOrDefault(request.TenantId)}|{request.DraftId}|{kind}|{request.SubmittedAt.ToUnixTimeMilliseconds()}"),
            due.ToUnixTimeMilliseconds(),
            ct);

    [LoggerMessage(EventId = 5030, Level = LogLevel.Information, Message = "Approval {Kind} due for {DraftId}.")]
    private static partial void LogDue(ILogger logger, string kind, string draftId);

    [LoggerMessage(EventId = 5031, Level = LogLevel.Warning, Message = "Approval reminders pass failed; retrying on the next tick.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
