using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Humanizer;
using SocialBot.Bot.Features.Drafts;
using SocialBot.Bot.Turns;
using SocialBot.Bot.Turns.Routing;
using SocialBot.Cards.AdaptiveCards;

namespace SocialBot.Bot.Features.Approvals;

/// <summary><c>approvals here</c>: approval cards of this team (or of the tenant default) go to this conversation.</summary>
internal sealed class ApprovalsHereCommand(ApprovalPolicyStore policies) : ICommand
{
    public CommandDescriptor Descriptor { get; } = new("approvals here", "approvals here", "Post approval requests in this chat or channel (admins and approvers).");

    public async Task ExecuteAsync(TurnContext turn, CommandMatch match, CancellationToken ct)
    {
        var me = ApprovalPresses.Person(turn);
        var scope = PolicyScope.Of(turn);
        var scoped = await policies.ResolveAsync(scope, ct);
        if (!scoped.Policy.CanManage(me))
        {
            await turn.SendTextAsync("Only admins and approvers can choose where approval requests go. Ask one of them to type **approvals here** in the right channel.", ct);
            return;
        }

        await policies.UpdateAsync(scope, p => (p.Learn(me) ?? p) with { Channel = turn.Reference, AnyReference = turn.Reference }, ct, me, "set the approval channel");
        await turn.SendTextAsync(
            scoped.IsTeamPolicy
                ? "👍 Approval requests will be posted here from now on (for posts from this team; it has its own settings)."
                : "👍 Approval requests will be posted here from now on.",
            ct);
    }
}

/// <summary>
/// <c>approvers</c>, <c>approvers add @user [to &lt;stage&gt;]</c>, <c>approvers remove @user [from &lt;stage&gt;]</c>: the first
/// stage unless a stage is named (by name or number); adding to a stage that does not exist yet creates it (up to 5).
/// </summary>
internal sealed partial class ApproversCommand(ApprovalPolicyStore policies) : ICommand
{
    public CommandDescriptor Descriptor { get; } = new("approvers", "approvers [add|remove @person [to stage]]", "List the approvers, or add and remove them (admins and approvers).");

    public async Task ExecuteAsync(TurnContext turn, CommandMatch match, CancellationToken ct)
    {
        var words = match.Arguments.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        var verb = words.Length == 0 ? "list" : words[0].ToLowerInvariant();
        var me = ApprovalPresses.Person(turn);
        var scope = PolicyScope.Of(turn);
        var scoped = await policies.ResolveAsync(scope, ct);
        var policy = scoped.Policy;
        if (policy.Learn(me) is not null || policy.AnyReference is null)
        {
            policy = await policies.UpdateAsync(scope, p => (p.Learn(me) ?? p) with { AnyReference = p.AnyReference ?? turn.Reference }, ct);
        }

        if (verb is not ("add" or "remove" or "list"))
        {
            await turn.SendTextAsync("Try **approvers**, **approvers add @name**, **approvers add @name to Legal** or **approvers remove @name**.", ct);
            return;
        }

        if (verb == "list")
        {
            await turn.SendTextAsync(Describe(policy, scoped.IsTeamPolicy), ct);
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

        var stageName = StageNamed(words.Length > 1 ? words[1] : string.Empty, people);
        var names = string.Join(", ", people.Select(p => CardText.Plain(p.Name ?? "someone")));
        string? problem = null;
        string? stageShown = null;
        var updated = await policies.UpdateAsync(
            scope,
            p =>
            {
                var learned = (p.Learn(me) ?? p) with { AnyReference = p.AnyReference ?? turn.Reference };
                var change = Change(learned, verb == "add", people, stageName);
                problem = change.Problem;
                stageShown = change.StageName;
                return change.Policy;
            },
            ct,
            me,
            verb == "add" ? $"added {names} to {stageName ?? "the first stage"}" : $"removed {names} from {stageName ?? "the first stage"}");
        if (problem is not null)
        {
            await turn.SendTextAsync(problem, ct);
            return;
        }

        var where = updated.Stages.Count > 1 && stageShown is not null ? $" ({(verb == "add" ? "to" : "from")} {CardText.Plain(stageShown)})" : string.Empty;
        await turn.SendTextAsync((verb == "add" ? $"✅ Added {names}{where}.\n\n" : $"✅ Removed {names}{where}.\n\n") + Describe(updated, scoped.IsTeamPolicy), ct);
    }

    /// <summary>The policy after adding or removing <paramref name="people"/>, or a problem to tell the user.</summary>
    internal static (ApprovalPolicy? Policy, string? Problem, string? StageName) Change(ApprovalPolicy policy, bool add, IReadOnlyList<DraftPerson> people, string? stageName)
    {
        var index = stageName is null ? 0 : FindStage(policy, stageName);
        if (index < 0 && !add)
        {
            return (null, $"There is no stage called **{CardText.Plain(stageName!)}**. Type **approvers** to see the stages.", null);
        }

        if (index < 0)
        {
            if (policy.Stages.Count >= ApprovalPolicy.MaxStages)
            {
                return (null, $"A policy has at most {ApprovalPolicy.MaxStages} stages. Add the people to an existing stage, or remove one in **settings**.", null);
            }

            var name = stageName!.Trim();
            if (name.Length > ApprovalSettingsForm.MaxStageName)
            {
                return (null, $"Stage names have at most {ApprovalSettingsForm.MaxStageName} characters.", null);
            }

            var template = policy.Stages.Count > 0 ? policy.Stages[0] : new ApprovalStage("Approval", [], ApprovalMode.Any, TimeSpan.FromHours(4), TimeSpan.FromMinutes(30));
            var stage = new ApprovalStage(name, people.ToList(), ApprovalMode.Any, template.Sla, template.UrgentSla);
            return (policy with { Stages = [.. policy.Stages, stage] }, null, name);
        }

        var current = policy.Stages[index];
        var approvers = add
            ? current.Approvers.Concat(people.Where(n => !current.Approvers.Any(a => ApproverIdentity.Same(a, n)))).ToList()
            : current.Approvers.Where(a => !people.Any(n => ApproverIdentity.Same(a, n))).ToList();
        if (!add && approvers.Count == 0 && current.Approvers.Count > 0)
        {
            return (null, $"**{CardText.Plain(current.Name)}** would have no approvers left. Add someone first, or remove the stage in **settings**.", null);
        }

        var stages = policy.Stages.ToList();
        stages[index] = current with { Approvers = approvers };
        return (policy with { Stages = stages }, null, current.Name);
    }

    /// <summary>"to Legal", "from stage 2", "in Social" at the end of the arguments, once the mentioned names are taken out.</summary>
    internal static string? StageNamed(string arguments, IReadOnlyList<DraftPerson> people)
    {
        var rest = people.Where(p => !string.IsNullOrEmpty(p.Name)).Aggregate(arguments, (text, p) => text.Replace(p.Name!, " ", StringComparison.Ordinal));
        var match = StagePhrase().Match(rest);
        return match.Success ? match.Groups["stage"].Value.Trim() : null;
    }

    private static int FindStage(ApprovalPolicy policy, string name)
    {
        if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number >= 1 && number <= policy.Stages.Count ? number - 1 : -1;
        }

        for (var i = 0; i < policy.Stages.Count; i++)
        {
            if (string.Equals(policy.Stages[i].Name.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
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

    internal static string Describe(ApprovalPolicy policy, bool teamPolicy = false)
    {
        var text = new StringBuilder();
        if (teamPolicy)
        {
            text.Append("This team has its own approval settings.\n\n");
        }

        foreach (var (stage, index) in policy.Stages.Select((s, i) => (s, i)))
        {
            var who = stage.Approvers.Count == 0
                ? "nobody yet"
                : string.Join(", ", stage.Approvers.Select(a => CardText.Plain(a.Name ?? a.Id)));
            text.Append(CultureInfo.InvariantCulture, $"**{(policy.Stages.Count > 1 ? $"{index + 1}. " : string.Empty)}{CardText.Plain(stage.Name)}** ({(stage.Mode == ApprovalMode.All ? "everyone must approve" : "any one approver")}, reminder after {stage.Sla.Humanize(culture: CultureInfo.InvariantCulture)}): {who}\n\n");
        }

        text.Append(policy.Channel is null ? "Approval requests go to each approver in a 1:1 chat." : "Approval requests go to the chosen approval channel.");
        text.Append(" Type **settings** to change more.");
        return text.ToString();
    }

    [GeneratedRegex(@"(?:^|\s)(?:to|from|in)\s+(?:the\s+)?(?:stage\s+)?(?<stage>\S.*?)(?:\s+stage)?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StagePhrase();
}

/// <summary><c>pending</c>: approvers see what waits for them; everyone else sees their own waiting posts.</summary>
internal sealed class PendingCommand(ApprovalPolicyStore policies, ApprovalRequestStore requests, IDraftStore drafts) : ICommand
{
    public CommandDescriptor Descriptor { get; } = new("pending", "pending", "Posts waiting for approval: yours to decide, or your own.");

    public async Task ExecuteAsync(TurnContext turn, CommandMatch match, CancellationToken ct)
    {
        var me = ApprovalPresses.Person(turn);
        var scope = PolicyScope.Of(turn);
        var policy = await policies.GetAsync(scope, ct);
        if (policy.Learn(me) is not null)
        {
            await policies.UpdateAsync(scope, p => p.Learn(me), ct);
        }

        var now = turn.Clock.GetUtcNow();
        var waiting = await requests.LoadAsync(turn.TenantId, await requests.RangeAsync(turn.TenantId, "pending", ct: ct), ct);

        // Each request is decided under the policy it was submitted with (its team's own, or the tenant default).
        var byTeam = new Dictionary<string, ApprovalPolicy>(StringComparer.Ordinal);
        var mineToDecide = new List<ApprovalRequest>();
        foreach (var request in waiting)
        {
            if (!byTeam.TryGetValue(request.PolicyTeamId ?? string.Empty, out var applies))
            {
                applies = await policies.GetAsync(request.PolicyScope, ct);
                byTeam[request.PolicyTeamId ?? string.Empty] = applies;
            }

            if (ApprovalCardViews.ViewerFor(request, applies, me) == Cards.Approvals.ApprovalViewer.Approver && !request.StageApprovals.Any(a => ApproverIdentity.Same(a, me)))
            {
                mineToDecide.Add(request);
            }
        }

        var approver = mineToDecide.Count > 0 || policy.IsApprover(me) || byTeam.Values.Any(p => p.IsApprover(me));
        var mine = approver ? mineToDecide : waiting.Where(r => ApproverIdentity.Same(r.Author, me)).ToList();
        if (mine.Count == 0)
        {
            await turn.SendTextAsync(approver ? "🎉 Nothing is waiting for your decision." : "You have no posts waiting for approval.", ct);
            return;
        }

        var text = new StringBuilder(approver
            ? $"**{"post".ToQuantity(mine.Count)} waiting for your decision** (oldest first):\n\n"
            : $"**{"post".ToQuantity(mine.Count)} of yours waiting for approval:**\n\n");
        var shown = mine.Take(20).ToList();
        var texts = (await drafts.GetManyAsync(turn.TenantId, [.. shown.Select(r => r.DraftId)], ct)).ToDictionary(d => d.Id, d => d.Content.Text, StringComparer.Ordinal);
        foreach (var request in shown)
        {
            var excerpt = texts.GetValueOrDefault(request.DraftId) is { } t ? Cards.Approvals.ApprovalCard.Shorten(t, 80) : string.Empty;
            text.Append(CultureInfo.InvariantCulture, $"- **{CardText.Plain(request.DraftId)}** {(request.Urgent ? "🚨 " : string.Empty)}by {CardText.Plain(request.Author.Name ?? "someone")}, waiting {(now - request.SubmittedAt).Humanize(culture: CultureInfo.InvariantCulture)}: {CardText.Plain(excerpt)}\n");
        }

        if (mine.Count > 20)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n…and {mine.Count - 20} more.");
        }

        await turn.SendTextAsync(text.ToString(), ct);
    }
}
