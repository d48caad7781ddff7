using Microsoft.Extensions.Logging;
using SocialBot.Bot.Features.Drafts;
using SocialBot.Cards.AdaptiveCards;
using SocialBot.Cards.Approvals;

namespace SocialBot.Bot.Features.Approvals;

/// <summary>What the presser sees after pressing an approval button.</summary>
internal sealed record ApprovalPressResult(ApprovalOutcome Outcome, AdaptiveCard? Card, string Message);

/// <summary>
/// Submission, decisions and views. Decisions are stored with compare-and-set before the invoke answers, together with
/// their follow-ups (updating other cards, notifying people, the webhook) in the tenant's durable queue.
/// </summary>
internal sealed partial class ApprovalWorkflow(
    ApprovalPolicyStore policies,
    ApprovalRequestStore requests,
    IDraftStore drafts,
    ApprovalFollowUpQueue followUps,
    ApprovalWebhook webhook,
    ApprovalReminders reminders,
    TimeProvider clock,
    ILogger<ApprovalWorkflow> logger) : IDraftSubmissionListener
{
    private const int MaxAttempts = 20;

    public async Task OnSubmittedAsync(Draft draft, DraftPerson submittedBy, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var scoped = await policies.ResolveAsync(new PolicyScope(draft.TenantId, draft.Origin.TeamId), ct);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var existing = await requests.GetAsync(draft.TenantId, draft.Id, ct);
            string? previousText = null;
            if (existing is { } e && e.Value.ContentVersion != draft.ContentVersion)
            {
                previousText = (await drafts.GetContentVersionAsync(draft.TenantId, draft.Id, e.Value.ContentVersion, ct))?.Text;
            }
            else if (existing is { } same)
            {
                previousText = same.Value.PreviousText;
            }

            var request = new ApprovalRequest
            {
                TenantId = draft.TenantId,
                DraftId = draft.Id,
                Author = draft.Author,
                PolicyTeamId = scoped.TeamId,
                ContentVersion = draft.ContentVersion,
                PreviousText = previousText,
                State = ApprovalState.Pending,
                StageIndex = 0,
                SubmittedAt = now,
                PublishAt = draft.Content.PublishAt,
                Urgent = draft.Content.Urgent,
                Posts = existing?.Value.Posts ?? [],
            };
            var followUp = followUps.ForFanout(new ApprovalFanoutWork(draft.TenantId, draft.Id, ApprovalFanoutKind.Submitted));
            if (await requests.TrySaveAsync(request, existing?.Version ?? 0, [followUp], ct))
            {
                LogSubmitted(logger, draft.Id, draft.ContentVersion);
                await reminders.ScheduleAsync(request, scoped.Policy, ct);
                return;
            }
        }

        throw new InvalidOperationException($"Could not record the submission of {draft.Id}: it kept changing.");
    }

    /// <summary>The card for <paramref name="userId"/> (refresh), or null when the request is unknown.</summary>
    public async Task<AdaptiveCard?> ViewAsync(string tenantId, string draftId, DraftPerson user, string? notice, CancellationToken ct)
    {
        var request = await requests.GetAsync(tenantId, draftId, ct);
        var draft = await drafts.GetAsync(tenantId, draftId, ct);
        if (request is null || draft is null)
        {
            return null;
        }

        var policy = await policies.GetAsync(request.Value.PolicyScope, ct);
        var viewer = ApprovalCardViews.ViewerFor(request.Value, policy, user);
        return ApprovalCard.Build(ApprovalCardViews.Model(request.Value, draft, policy, viewer, clock.GetUtcNow(), notice));
    }

    public async Task<ApprovalPressResult> PressAsync(string tenantId, string draftId, DraftPerson actor, ApprovalAction action, string? comment, int? cardVersion, string? editedText, CancellationToken ct)
    {
        ApprovalPolicy? policy = null;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var stored = await requests.GetAsync(tenantId, draftId, ct);
            if (stored is null)
            {
                return new(ApprovalOutcome.Stale, null, "I can't find that approval request any more.");
            }

            if (policy is null)
            {
                policy = await policies.GetAsync(stored.Value.PolicyScope, ct);
                if (policy.Learn(actor) is not null)
                {
                    policy = await policies.UpdateAsync(stored.Value.PolicyScope, p => p.Learn(actor), ct);
                }
            }

            var now = clock.GetUtcNow();
            var current = stored.Value;
            var result = ApprovalStateMachine.Apply(current, policy, actor, action, comment, cardVersion, now);
            if (result.Outcome == ApprovalOutcome.Refused)
            {
                LogRefused(logger, draftId, action);
                return new(result.Outcome, null, result.Message);
            }

            if (!result.Changed)
            {
                return new(result.Outcome, await ViewAsync(tenantId, draftId, actor, result.Message, ct), result.Message);
            }

            var next = result.Request;
            var edited = false;
            Draft? approvedDraft = null;
            if (action == ApprovalAction.Approve && current.State == ApprovalState.Pending && !string.IsNullOrWhiteSpace(editedText))
            {
                var draft = await drafts.GetAsync(tenantId, draftId, ct);
                approvedDraft = draft;
                if (draft is not null && NormalizeNewlines(editedText) != NormalizeNewlines(draft.Content.Text))
                {
                    var write = await drafts.UpdateContentAsync(tenantId, draftId, actor, draft.Content with { Text = editedText.Trim() }, current.ContentVersion, new HashSet<DraftStatus> { DraftStatus.Submitted }, ct);
                    if (!write.Succeeded || write.Draft is null)
                    {
                        return new(ApprovalOutcome.Stale, await ViewAsync(tenantId, draftId, actor, "The post changed while you were editing; here is the current version.", ct), "The post changed meanwhile.");
                    }

                    next = next with { ContentVersion = write.Draft.ContentVersion, PreviousText = draft.Content.Text };
                    approvedDraft = write.Draft;
                    edited = true;
                }
            }

            List<ApprovalFollowUp> then = [followUps.ForFanout(new ApprovalFanoutWork(tenantId, draftId, ApprovalFanoutKind.Decided, result.Outcome, Edited: edited))];
            if (webhook.Enabled && result.Outcome == ApprovalOutcome.Decided && next.State is ApprovalState.Approved or ApprovalState.Scheduled &&
                webhook.PayloadFor(next, approvedDraft ?? await drafts.GetAsync(tenantId, draftId, ct) ?? throw new InvalidOperationException($"Draft {draftId} is gone.")) is { } payload)
            {
                then.Add(followUps.ForWebhook(payload));
            }

            if (!await requests.TrySaveAsync(next, stored.Version, then, ct))
            {
                continue;
            }

            var draftAfter = await RecordOnDraftAsync(current, next, result, actor, now, ct) ?? approvedDraft ?? await drafts.GetAsync(tenantId, draftId, ct);
            LogDecided(logger, draftId, action, result.Outcome, next.State);
            var message = edited ? result.Message + " Your edit was saved as a new version." : result.Message;

            // The presser's card is built from what this press just wrote: reading the request, draft and policy back
            // would add three round trips to every decision inside Teams' 5-second invoke budget.
            var card = draftAfter is null ? null : ApprovalCard.Build(ApprovalCardViews.Model(next, draftAfter, policy, ApprovalCardViews.ViewerFor(next, policy, actor), now));
            return new(result.Outcome, card, message);
        }

        return new(ApprovalOutcome.Stale, await ViewAsync(tenantId, draftId, actor, "Lots of people are deciding at once; here is the current state.", ct), "Busy; try again.");
    }

    /// <summary>Writes the step into the draft's history (and status); returns the draft as written, or null when only history was appended.</summary>
    private async Task<Draft?> RecordOnDraftAsync(ApprovalRequest before, ApprovalRequest after, ApprovalResult result, DraftPerson actor, DateTimeOffset now, CancellationToken ct)
    {
        var entry = new DraftHistoryEntry(now, HistoryKind(result.Outcome, after.State), actor, after.ContentVersion, after.Decision?.Comment ?? after.PublishedUrl);
        var from = ApprovalStateMachine.ToDraftStatus(before.State);
        var to = ApprovalStateMachine.ToDraftStatus(after.State);
        if (from == to)
        {
            await drafts.AppendHistoryAsync(after.TenantId, after.DraftId, entry, ct);
            return null;
        }

        var write = await drafts.TryTransitionAsync(after.TenantId, after.DraftId, new HashSet<DraftStatus> { from }, to, entry, ct);

        // The decision's follow-up may have caught the draft up first (ApprovalFanout.CatchUpDraftAsync): nothing is out of step.
        if (!write.Succeeded && write.Draft?.Status != to)
        {
            LogDraftOutOfStep(logger, after.DraftId, write.Outcome, to);
        }

        return write.Draft;
    }

    /// <summary>The draft history kind a decision is recorded under.</summary>
    internal static string HistoryKind(ApprovalOutcome outcome, ApprovalState state) => outcome switch
    {
        ApprovalOutcome.Recorded => "approval-recorded",
        ApprovalOutcome.StageAdvanced => "stage-approved",
        _ => state switch
        {
            ApprovalState.ChangesRequested => "changes-requested",
            ApprovalState.Published => "published",
            _ => state.ToString().ToLowerInvariant(),
        },
    };

    private static string NormalizeNewlines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Approval requested for {DraftId} version {Version}.")]
    private static partial void LogSubmitted(ILogger logger, string draftId, int version);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Approval press on {DraftId}: {Action} → {Outcome}, now {State}.")]
    private static partial void LogDecided(ILogger logger, string draftId, ApprovalAction action, ApprovalOutcome outcome, ApprovalState state);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Approval press on {DraftId} refused: {Action}.")]
    private static partial void LogRefused(ILogger logger, string draftId, ApprovalAction action);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Draft {DraftId} did not follow the approval to {Status}: {Outcome}.")]
    private static partial void LogDraftOutOfStep(ILogger logger, string draftId, DraftWriteOutcome outcome, DraftStatus status);
}
