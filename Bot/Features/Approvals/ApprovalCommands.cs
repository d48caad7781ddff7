using System.Globalization;
using System.Text;
using Humanizer;
using SocialBot.Bot.Features.Drafts;
using SocialBot.Bot.Turns;
using SocialBot.Bot.Turns.Routing;
using SocialBot.Cards.AdaptiveCards;

namespace SocialBot.Bot.Features.Approvals;

/// <summary><c>approvals here</c>: approval cards go to this conversation.</summary>
internal sealed class ApprovalsHereCommand(ApprovalPolicyStore policies) : ICommand
{
    public CommandDescriptor Descriptor { get; } = new("approvals here", "approvals here", "Post approval requests in this chat or channel (admins and approvers).");

    public async Task ExecuteAsync(TurnContext turn, CommandMatch match, CancellationToken ct)
    {
        var me = ApprovalPresses.Person(turn);
        var policy = await policies.GetAsync(turn.TenantId, ct);
        if (!policy.CanManage(me))
        {
            await turn.SendTextAsync("Only admins and approvers can choose where approval requests go. Ask one of them to type **approvals here** in the right channel.", ct);
            return;
        }

        await policies.UpdateAsync(turn.TenantId, p => (p.Learn(me) ?? p) with { Channel = turn.Reference, AnyReference = turn.Reference }, ct);
        await turn.SendTextAsync("👍 Approval requests will be posted here from now on.", ct);
    }
}

/// <summary><c>approvers</c>, <c>approvers add @user</c>, <c>approvers remove @user</c> (first stage).</summary>
internal sealed class ApproversCommand(ApprovalPolicyStore policies) : ICommand
{
    public CommandDescriptor Descriptor { get; } = new("approvers", "approvers [add|remove @person]", "List the approvers, or add and remove them (admins and approvers).");

    public async Task ExecuteAsync(TurnContext turn, CommandMatch match, CancellationToken ct)
    {
        var words = match.Arguments.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        var verb = words.Length == 0 ? "list" : words[0].ToLowerInvariant();
        var me = ApprovalPresses.Person(turn);
        var policy = await policies.GetAsync(turn.TenantId, ct);
        if (policy.Learn(me) is not null || policy.AnyReference is null)
        {
            policy = await policies.UpdateAsync(turn.TenantId, p => (p.Learn(me) ?? p) with { AnyReference = p.AnyReference ?? turn.Reference }, ct);
        }
        if (verb is not ("add" or "remove" or "list"))
        {
            await turn.SendTextAsync("Try **approvers**, **approvers add @name** or **approvers remove @name**.", ct);
            return;
        }

        if (verb == "list")
        {
            await turn.SendTextAsync(Describe(policy), ct);
            return;
        }

        if (!policy.CanManage(me))
        {
            await turn.SendTextAsync("Only admins and approvers can change who approves. Ask one of them (type **approvers** to see who).", ct);
            return;
        }

        var people = Mentioned(turn);
        if (people.Count == 0)
        {
            await turn.SendTextAsync($"Mention the people, for example **approvers {verb} @Ada**.", ct);
            return;
        }

        var updated = await policies.UpdateAsync(turn.TenantId, p =>
        {
            var learned = p.Learn(me) ?? p;
            var first = learned.Stages[0];
            var approvers = verb == "add"
                ? first.Approvers.Concat(people.Where(n => !first.Approvers.Any(a => ApproverIdentity.Same(a, n)))).ToList()
                : first.Approvers.Where(a => !people.Any(n => ApproverIdentity.Same(a, n))).ToList();
            return learned with { Stages = [learned.Stages[0] with { Approvers = approvers }, .. learned.Stages.Skip(1)], AnyReference = p.AnyReference ?? turn.Reference };
        }, ct);
        var names = string.Join(", ", people.Select(p => CardText.Plain(p.Name ?? "someone")));
        await turn.SendTextAsync((verb == "add" ? $"✅ Added {names}.\n\n" : $"✅ Removed {names}.\n\n") + Describe(updated), ct);
    }

    internal static List<DraftPerson> Mentioned(TurnContext turn) =>
        (turn.Activity.Entities ?? [])
            .Where(e => string.Equals(e.Type, "mention", StringComparison.OrdinalIgnoreCase) && e.Mentioned?.Id is { Length: > 0 })
            .Select(e => e.Mentioned!)
            .Where(m => !string.Equals(m.Id, turn.Activity.Recipient?.Id, StringComparison.Ordinal))
            .Select(m => new DraftPerson(
                m.AadObjectId ?? m.Id!,
                m.Id!.StartsWith("29:", StringComparison.Ordinal) ? m.Id : null,
                m.Name))
            .DistinctBy(p => p.Id)
            .ToList();

    internal static string Describe(ApprovalPolicy policy)
    {
        var text = new StringBuilder();
        foreach (var (stage, index) in policy.Stages.Select((s, i) => (s, i)))
        {
            var who = stage.Approvers.Count == 0
                ? "nobody yet"
                : string.Join(", ", stage.Approvers.Select(a => CardText.Plain(a.Name ?? a.Id)));
            text.Append(CultureInfo.InvariantCulture, $"**{(policy.Stages.Count > 1 ? $"{index + 1}. " : string.Empty)}{CardText.Plain(stage.Name)}** ({(stage.Mode == ApprovalMode.All ? "everyone must approve" : "any one approver")}, reminder after {stage.Sla.Humanize(culture: CultureInfo.InvariantCulture)}): {who}\n\n");
        }

        text.Append(policy.Channel is null ? "Approval requests go to each approver in a 1:1 chat." : "Approval requests go to the chosen approval channel.");
        return text.ToString();
    }
}

/// <summary><c>pending</c>: approvers see what waits for them; everyone else sees their own waiting posts.</summary>
internal sealed class PendingCommand(ApprovalPolicyStore policies, ApprovalRequestStore requests, IDraftStore drafts) : ICommand
{
    public CommandDescriptor Descriptor { get; } = new("pending", "pending", "Posts waiting for approval: yours to decide, or your own.");

    public async Task ExecuteAsync(TurnContext turn, CommandMatch match, CancellationToken ct)
    {
        var me = ApprovalPresses.Person(turn);
        var policy = await policies.GetAsync(turn.TenantId, ct);
        if (policy.Learn(me) is not null)
        {
            policy = await policies.UpdateAsync(turn.TenantId, p => p.Learn(me), ct);
        }

        var now = turn.Clock.GetUtcNow();
        var waiting = await requests.LoadAsync(turn.TenantId, await requests.RangeAsync(turn.TenantId, "pending", ct: ct), ct);
        var approver = policy.IsApprover(me);
        var mine = approver
            ? waiting.Where(r => ApprovalCardViews.ViewerFor(r, policy, me) == Cards.Approvals.ApprovalViewer.Approver && !r.StageApprovals.Any(a => ApproverIdentity.Same(a, me))).ToList()
            : waiting.Where(r => ApproverIdentity.Same(r.Author, me)).ToList();
        if (mine.Count == 0)
        {
            await turn.SendTextAsync(approver ? "🎉 Nothing is waiting for your decision." : "You have no posts waiting for approval.", ct);
            return;
        }

        var text = new StringBuilder(approver
            ? $"**{"post".ToQuantity(mine.Count)} waiting for your decision** (oldest first):\n\n"
            : $"**{"post".ToQuantity(mine.Count)} of yours waiting for approval:**\n\n");
        foreach (var request in mine.Take(20))
        {
            var draft = await drafts.GetAsync(turn.TenantId, request.DraftId, ct);
            var excerpt = draft?.Content.Text is { } t ? Cards.Approvals.ApprovalCard.Shorten(t, 80) : string.Empty;
            text.Append(CultureInfo.InvariantCulture, $"- **{CardText.Plain(request.DraftId)}** {(request.Urgent ? "🚨 " : string.Empty)}by {CardText.Plain(request.Author.Name ?? "someone")}, waiting {(now - request.SubmittedAt).Humanize(culture: CultureInfo.InvariantCulture)}: {CardText.Plain(excerpt)}\n");
        }

        if (mine.Count > 20)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n…and {mine.Count - 20} more.");
        }

        await turn.SendTextAsync(text.ToString(), ct);
    }
}
