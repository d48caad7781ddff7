using System.Globalization;
using SocialBot.Bot.Features.Drafts;
using SocialBot.Bot.Features.Drafts.Rules;
using SocialBot.Cards.AdaptiveCards;
using SocialBot.Cards.Approvals;

namespace SocialBot.Bot.Features.Approvals;

/// <summary>Turns a request, its draft and the policy into the card model for one viewer.</summary>
internal static class ApprovalCardViews
{
    public static ApprovalViewer ViewerFor(ApprovalRequest request, ApprovalPolicy policy, DraftPerson user)
    {
        if (request.State is ApprovalState.Pending or ApprovalState.Frozen)
        {
            var stage = policy.Stages.Count == 0 ? null : policy.Stages[Math.Min(request.StageIndex, policy.Stages.Count - 1)];
            var isAuthor = ApproverIdentity.Same(request.Author, user);
            var canDecide = request.State == ApprovalState.Frozen ? policy.IsApprover(user) : stage?.IsApprover(user) == true;
            if (canDecide && (!isAuthor || policy.AllowSelfApproval))
            {
                return ApprovalViewer.Approver;
            }
        }

        return ApproverIdentity.Same(request.Author, user) ? ApprovalViewer.Author : ApprovalViewer.Other;
    }

    /// <summary>Teams ids for <c>refresh.userIds</c>; null when more than 60 (manual refresh).</summary>
    public static IReadOnlyList<string>? RefreshUserIds(ApprovalRequest request, ApprovalPolicy policy)
    {
        var ids = policy.AllApprovers.Append(request.Author)
            .Select(p => p.ChannelAccountId)
            .Where(id => !string.IsNullOrEmpty(id))
            .Select(id => id!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return ids.Count > Refresh.MaxUserIds ? null : ids;
    }

    public static ApprovalCardModel Model(ApprovalRequest request, Draft draft, ApprovalPolicy policy, ApprovalViewer viewer, DateTimeOffset now, string? notice = null)
    {
        var content = draft.Content;
        var report = PostRules.Check(content.ToPostContent(), PostRulesSettings.Default, now);
        var stage = policy.Stages.Count == 0 ? null : policy.Stages[Math.Min(request.StageIndex, policy.Stages.Count - 1)];
        return new ApprovalCardModel
        {
            DraftId = request.DraftId,
            ContentVersion = request.ContentVersion,
            AuthorName = request.Author.Name ?? "Someone",
            Text = content.Text,
            Networks = report.Counts.Select(c => c.Display).ToList(),
            PublishTime = content.PublishAt is { } at ? PublishTime.Describe(at, content.TimeZone, now) : null,
            Campaign = content.Campaign,
            Notes = content.NotesToReviewer,
            Warnings = report.Findings.Select(f => f.Message).ToList(),
            Changes = request.PreviousText is { } previous && previous != content.Text ? WordDiff.Between(previous, content.Text) : null,
            Urgent = content.Urgent,
            Status = Status(request.State),
            StageLine = policy.Stages.Count > 1 && stage is not null
                ? string.Create(CultureInfo.InvariantCulture, $"Stage {request.StageIndex + 1} of {policy.Stages.Count} · {stage.Name}")
                : null,
            ApprovedSoFar = request.StageApprovals.Select(a => a.Name ?? "an approver").ToList(),
            Decision = request.State == ApprovalState.Pending || request.Decision is not { } d
                ? null
                : new ApprovalDecisionLine(Verb(request.State), d.Actor.Name ?? "someone", d.At, d.Comment),
            PublishedUrl = request.PublishedUrl,
            Viewer = viewer,
            Notice = notice,
            RefreshUserIds = RefreshUserIds(request, policy),
            CanMarkPublished = viewer != ApprovalViewer.Other,
            Now = now,
        };
    }

    private static ApprovalCardStatus Status(ApprovalState state) => state switch
    {
        ApprovalState.Pending => ApprovalCardStatus.Pending,
        ApprovalState.Approved => ApprovalCardStatus.Approved,
        ApprovalState.Scheduled => ApprovalCardStatus.Scheduled,
        ApprovalState.ChangesRequested => ApprovalCardStatus.ChangesRequested,
        ApprovalState.Rejected => ApprovalCardStatus.Rejected,
        ApprovalState.Withdrawn => ApprovalCardStatus.Withdrawn,
        ApprovalState.Expired => ApprovalCardStatus.Expired,
        ApprovalState.Published => ApprovalCardStatus.Published,
        ApprovalState.Frozen => ApprovalCardStatus.Frozen,
        _ => ApprovalCardStatus.Pending,
    };

    private static string Verb(ApprovalState state) => state.ToString();
}
