using Microsoft.Extensions.Logging;
using SocialBot.Bot.Features.Drafts;
using SocialBot.Bot.Proactive;
using SocialBot.Bot.Protocol.Schema;
using SocialBot.Bot.Turns;
using SocialBot.Cards.AdaptiveCards;
using SocialBot.Cards.Approvals;

namespace SocialBot.Bot.Features.Approvals;

internal enum ApprovalFanoutKind
{
    Submitted,
    Decided,
}

internal sealed record ApprovalFanoutWork(string TenantId, string DraftId, ApprovalFanoutKind Kind, ApprovalOutcome Outcome = ApprovalOutcome.Decided, bool Edited = false);

/// <summary>
/// The slow part of approvals, off the invoke path: posting and updating cards, telling the author and approvers. The work
/// waits in the tenant's durable follow-up queue (<see cref="ApprovalFollowUpQueue"/>, run by <see cref="ApprovalFollowUpWorker"/>);
/// every step reads the current state from the store, so a repeated item is harmless (cards are updated in place; a
/// notice may be sent twice if an instance dies between sending it and finishing the item).
/// </summary>
internal sealed partial class ApprovalFanout(
    IServiceProvider services,
    TimeProvider clock,
    ILogger<ApprovalFanout> logger)
{
    internal async Task ProcessAsync(ApprovalFanoutWork work, CancellationToken ct)
    {
        var policies = services.GetRequiredService<ApprovalPolicyStore>();
        var requests = services.GetRequiredService<ApprovalRequestStore>();
        var drafts = services.GetRequiredService<DeferredDraftStore>();
        var sender = services.GetRequiredService<IProactiveSender>();
        var references = services.GetRequiredService<IConversationReferenceStore>();

        var stored = await requests.GetAsync(work.TenantId, work.DraftId, ct);
        var draft = await drafts.GetAsync(work.TenantId, work.DraftId, ct);
        if (stored is null || draft is null)
        {
            return;
        }

        var request = stored.Value;
        if (work.Kind == ApprovalFanoutKind.Decided)
        {
            draft = await CatchUpDraftAsync(drafts, request, draft, ct);
        }

        var policy = await policies.GetAsync(request.PolicyScope, ct);
        var now = clock.GetUtcNow();
        var shared = ApprovalCard.Build(ApprovalCardViews.Model(request, draft, policy, ApprovalViewer.Other, now));
        var people = new PersonalChats(sender, references, policy, work.TenantId);

        foreach (var post in request.Posts)
        {
            await sender.UpdateAsync(post.Reference, post.ActivityId, CardActivities.Message(post.Reference, shared), ct);
        }

        var stage = policy.Stages.Count == 0 ? null : policy.Stages[Math.Min(request.StageIndex, policy.Stages.Count - 1)];
        var askNextStage = request.State == ApprovalState.Pending &&
            (work.Kind == ApprovalFanoutKind.Submitted || work.Outcome == ApprovalOutcome.StageAdvanced);
        if (askNextStage && stage is not null)
        {
            var newPosts = new List<ApprovalCardPost>();
            if (policy.Channel is { } channel)
            {
                if (request.Posts.All(p => p.Reference.Conversation.Id != channel.Conversation.Id))
                {
                    var sent = await sender.SendAsync(channel, CardActivities.Message(channel, shared), ct);
                    if (sent.Id is { } id)
                    {
                        newPosts.Add(new ApprovalCardPost(channel, id));
                    }
                }
            }
            else
            {
                foreach (var approver in stage.Approvers.Where(a => policy.AllowSelfApproval || !ApproverIdentity.Same(a, request.Author)))
                {
                    var chat = await people.FindAsync(approver, ct);
                    if (chat is null || request.Posts.Any(p => p.Reference.Conversation.Id == chat.Conversation.Id))
                    {
                        continue;
                    }

                    var sent = await sender.SendAsync(chat, CardActivities.Message(chat, shared), ct);
                    if (sent.Id is { } id)
                    {
                        newPosts.Add(new ApprovalCardPost(chat, id));
                    }
                }
            }

            if (newPosts.Count > 0)
            {
                await RememberPostsAsync(requests, work, newPosts, ct);
            }

            if (request.Urgent)
            {
                foreach (var approver in policy.AllApprovers.Where(a => !ApproverIdentity.Same(a, request.Author)))
                {
                    await people.SendAsync(approver, new ApprovalNoticeModel(
                        $"🚨 Urgent post {request.DraftId} needs approval",
                        $"{CardText.Plain(request.Author.Name ?? "Someone")} submitted an urgent post. Please decide on the approval card.",
                        draft.Content.Text), ct);
                }
            }
        }

        if (work.Kind == ApprovalFanoutKind.Decided)
        {
            await TellAuthorAsync(people, request, draft, work, ct);
        }
    }

    /// <summary>
    /// A decision (a press, a freeze or release, an expiry) is stored with this follow-up in one transaction, before the
    /// draft's status is written. If Redis went away or the process died in between, the draft still has the status from before the decision; this
    /// moves it on, with the decision's history entry. Compare-and-set from the status it can only have come from, so a
    /// draft the invoke already moved, or one that moved on since, is left alone.
    /// </summary>
    private async Task<Draft> CatchUpDraftAsync(IDraftStore drafts, ApprovalRequest request, Draft draft, CancellationToken ct)
    {
        var target = ApprovalStateMachine.ToDraftStatus(request.State);
        if (draft.Status == target || request.Decision is not { } decision || !DecidedFrom(target).Contains(draft.Status))
        {
            return draft;
        }

        var entry = new DraftHistoryEntry(decision.At, ApprovalWorkflow.HistoryKind(ApprovalOutcome.Decided, request.State), decision.Actor, request.ContentVersion, decision.Comment ?? request.PublishedUrl);
        var write = await drafts.TryTransitionAsync(request.TenantId, request.DraftId, new HashSet<DraftStatus> { draft.Status }, target, entry, ct);
        if (!write.Succeeded || write.Draft is null)
        {
            return draft;
        }

        LogDraftCaughtUp(logger, request.DraftId, target);
        return write.Draft;
    }

    /// <summary>The draft statuses a decision to <paramref name="target"/> starts from (see <see cref="ApprovalStateMachine"/>).</summary>
    private static HashSet<DraftStatus> DecidedFrom(DraftStatus target) => target switch
    {
        DraftStatus.Approved or DraftStatus.Scheduled => [DraftStatus.Submitted, DraftStatus.Frozen],
        DraftStatus.ChangesRequested or DraftStatus.Rejected => [DraftStatus.Submitted],
        DraftStatus.Withdrawn => [DraftStatus.Submitted, DraftStatus.ChangesRequested],
        DraftStatus.Published or DraftStatus.Frozen => [DraftStatus.Approved, DraftStatus.Scheduled],
        DraftStatus.Expired => [DraftStatus.Submitted],
        _ => [],
    };

    private static async Task TellAuthorAsync(PersonalChats people, ApprovalRequest request, Draft draft, ApprovalFanoutWork work, CancellationToken ct)
    {
        var who = CardText.Plain(request.Decision?.Actor.Name ?? "An approver");
        var comment = request.Decision?.Comment is { } c ? $"\n\n> {CardText.Plain(c)}" : string.Empty;
        ApprovalNoticeModel? notice = work.Outcome switch
        {
            ApprovalOutcome.StageAdvanced => new($"👍 {request.DraftId} passed a stage", $"{who} approved it; the next stage is reviewing now."),
            ApprovalOutcome.Decided => request.State switch
            {
                ApprovalState.Approved => new($"✅ {request.DraftId} was approved", $"{who} approved your post."),
                ApprovalState.Scheduled => new($"✅ {request.DraftId} was approved", $"{who} approved your post; it's scheduled for {PublishTime.Local(request.PublishAt!.Value, draft.Content.TimeZone, request.Decision?.At ?? request.SubmittedAt)}."),
                ApprovalState.ChangesRequested => new($"✏️ Changes requested on {request.DraftId}", $"{who} asked for changes:{comment}", draft.Content.Text, request.DraftId),
                ApprovalState.Rejected => new($"⛔ {request.DraftId} was rejected", $"{who} rejected your post:{comment}"),
                _ => null,
            },
            _ => null,
        };
        if (notice is not null && (request.Decision is null || !ApproverIdentity.Same(request.Decision.Actor, request.Author)))
        {
            if (work.Edited)
            {
                notice = notice with { Text = notice.Text + " They edited the text before approving; the card shows what changed." };
            }

            await people.SendAsync(request.Author, notice with { Excerpt = notice.Excerpt ?? draft.Content.Text }, ct);
        }
    }

    private static async Task RememberPostsAsync(ApprovalRequestStore requests, ApprovalFanoutWork work, List<ApprovalCardPost> posts, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var stored = await requests.GetAsync(work.TenantId, work.DraftId, ct);
            if (stored is null)
            {
                return;
            }

            var merged = stored.Value.Posts.Concat(posts).DistinctBy(p => p.ActivityId).ToList();
            if (await requests.TrySaveAsync(stored.Value with { Posts = merged }, stored.Version, ct))
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "Draft {DraftId} had missed its decision; moved it to {Status}.")]
    private static partial void LogDraftCaughtUp(ILogger logger, string draftId, DraftStatus status);
}

/// <summary>Finds or opens 1:1 chats with people of the tenant.</summary>
internal sealed class PersonalChats(IProactiveSender sender, IConversationReferenceStore references, ApprovalPolicy policy, string tenantId)
{
    public async Task<ConversationReference?> FindAsync(DraftPerson person, CancellationToken ct)
    {
        var known = await references.FindPersonalAsync(tenantId, person.Id, ct)
            ?? (person.ChannelAccountId is { } channelId ? await references.FindPersonalAsync(tenantId, channelId, ct) : null);
        if (known is not null || person.ChannelAccountId is null)
        {
            return known;
        }

        var anchor = policy.Channel ?? policy.AnyReference;
        return anchor is null
            ? null
            : await sender.CreatePersonalConversationAsync(anchor, new ChannelAccount { Id = person.ChannelAccountId, Name = person.Name, AadObjectId = person.Id }, ct);
    }

    public async Task SendAsync(DraftPerson person, ApprovalNoticeModel notice, CancellationToken ct)
    {
        var chat = await FindAsync(person, ct);
        if (chat is not null)
        {
            await sender.SendAsync(chat, CardActivities.Message(chat, ApprovalNoticeCard.Build(notice)), ct);
        }
    }
}
