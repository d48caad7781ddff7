using SocialBot.Bot.Features.Digest;
using SocialBot.Bot.Features.Drafts;

namespace SocialBot.Bot.Features.Approvals;

/// <summary>The Approvals and Publishing digest sections, from the request indexes.</summary>
internal sealed class ApprovalDigestSources(ApprovalRequestStore requests, ApprovalPolicyStore policies, IDraftStore drafts) : IDigestApprovalsSource, IDigestPublishingSource
{
    async Task<ApprovalsDigestSection> IDigestApprovalsSource.GetAsync(DigestQuery query, CancellationToken ct)
    {
        var (todayStart, todayEnd) = LocalDay(query, 0);
        var (yesterdayStart, yesterdayEnd) = LocalDay(query, -1);
        var scoped = new Dictionary<string, ApprovalPolicy>(StringComparer.Ordinal);
        var waiting = await requests.LoadAsync(query.TenantId, await requests.RangeAsync(query.TenantId, "pending", ct: ct), ct);
        var decided = await requests.LoadAsync(
            query.TenantId,
            await requests.RangeAsync(query.TenantId, "decided", yesterdayStart.ToUnixTimeMilliseconds(), yesterdayEnd.ToUnixTimeMilliseconds() - 1, ct),
            ct);

        var byApprover = new Dictionary<string, int>(StringComparer.Ordinal);
        var channelIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var request in waiting)
        {
            var teamKey = request.PolicyTeamId ?? string.Empty;
            if (!scoped.TryGetValue(teamKey, out var policy))
            {
                policy = await policies.GetAsync(request.PolicyScope, ct);
                scoped[teamKey] = policy;
            }

            var stage = policy.Stages.Count == 0 ? null : policy.Stages[Math.Min(request.StageIndex, policy.Stages.Count - 1)];
            foreach (var approver in stage?.Approvers ?? [])
            {
                if (!ApproverIdentity.Same(approver, request.Author) && !request.StageApprovals.Any(a => ApproverIdentity.Same(a, approver)))
                {
                    byApprover[approver.Id] = byApprover.GetValueOrDefault(approver.Id) + 1;
                    if (approver.ChannelAccountId is { Length: > 0 } channelId)
                    {
                        channelIds[approver.Id] = channelId;
                    }
                }
            }
        }

        var turnarounds = decided
            .Where(r => r.Decision is not null && r.State is not (ApprovalState.Withdrawn or ApprovalState.Expired or ApprovalState.Published))
            .Select(r => r.Decision!.At - r.SubmittedAt)
            .Order()
            .ToList();
        return new ApprovalsDigestSection(
            waiting.Count,
            waiting.Count == 0 ? null : query.Now - waiting.Min(r => r.SubmittedAt),
            waiting.Count(r => r.PublishAt is { } at && at >= todayStart && at < todayEnd),
            decided.Count(r => r.State is not (ApprovalState.Withdrawn or ApprovalState.Published)),
            Median(turnarounds),
            byApprover,
            [.. byApprover.OrderByDescending(p => p.Value).Where(p => channelIds.ContainsKey(p.Key)).Select(p => channelIds[p.Key])]);
    }

    async Task<PublishingDigestSection> IDigestPublishingSource.GetAsync(DigestQuery query, CancellationToken ct)
    {
        var (start, end) = LocalDay(query, 0);
        var scheduled = await requests.LoadAsync(
            query.TenantId,
            await requests.RangeAsync(query.TenantId, "approved", start.ToUnixTimeMilliseconds(), end.ToUnixTimeMilliseconds() - 1, ct),
            ct);
        var lines = new List<ScheduledPostLine>();
        foreach (var request in scheduled.Where(r => r is { State: ApprovalState.Scheduled, PublishAt: not null }).OrderBy(r => r.PublishAt))
        {
            var draft = await drafts.GetAsync(query.TenantId, request.DraftId, ct);
            var text = draft?.Content.Text ?? string.Empty;
            lines.Add(new ScheduledPostLine(
                request.DraftId,
                Cards.Approvals.ApprovalCard.Shorten(text, 80),
                request.PublishAt!.Value,
                draft?.Content.Networks.Select(n => Drafts.Rules.SocialNetworkNames.DisplayName(n)).ToList() ?? []));
        }

        return new PublishingDigestSection(lines);
    }

    internal static (DateTimeOffset Start, DateTimeOffset End) LocalDay(DigestQuery query, int offsetDays)
    {
        var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(query.Now, query.TimeZone).DateTime).AddDays(offsetDays);
        return (StartOf(localDate, query.TimeZone), StartOf(localDate.AddDays(1), query.TimeZone));
    }

    private static DateTimeOffset StartOf(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static TimeSpan? Median(List<TimeSpan> sorted) => sorted.Count switch
    {
        0 => null,
        var n when n % 2 == 1 => sorted[n / 2],
        var n => (sorted[(n / 2) - 1] + sorted[n / 2]) / 2,
    };
}
