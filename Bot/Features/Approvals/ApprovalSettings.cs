using System.Globalization;
using System.Text.Json.Nodes;
using Humanizer;
using SocialBot.Bot.Turns;
using SocialBot.Bot.Turns.Routing;
using SocialBot.Cards.AdaptiveCards;
using SocialBot.Cards.Approvals;
using static SocialBot.Cards.Approvals.ApprovalSettingsCard;

namespace SocialBot.Bot.Features.Approvals;

/// <summary>One stage as typed on the settings card.</summary>
internal sealed record SettingsStageInput(string Name, IReadOnlyList<string> Selected, bool All, string Sla, string UrgentSla, int Position, bool Remove);

/// <summary>Everything a Save sends back: the inputs and the policy version and scope the card was built from.</summary>
internal sealed record SettingsInput(IReadOnlyList<SettingsStageInput> Stages, string Channel, bool AllowSelfApproval, long? Version, string? Scope);

/// <summary>Reads and validates the settings card; pure, so every rule is unit-tested.</summary>
internal static class ApprovalSettingsForm
{
    public const string VersionField = "policyVersion", ScopeField = "policyScope", StageCountField = "stageCount";
    public const string DefaultScope = "default";
    public const int MaxStageName = 40;
    public static readonly TimeSpan MinSla = TimeSpan.FromMinutes(5), MaxSla = TimeSpan.FromDays(30);
    public static readonly TimeSpan MinUrgentSla = TimeSpan.FromMinutes(1), MaxUrgentSla = TimeSpan.FromHours(24);

    public static JsonObject ActionData(ScopedPolicy scoped) => new()
    {
        [VersionField] = scoped.Version.ToString(CultureInfo.InvariantCulture),
        [ScopeField] = scoped.TeamId ?? DefaultScope,
        [StageCountField] = scoped.Policy.Stages.Count.ToString(CultureInfo.InvariantCulture),
    };

    public static SettingsInput Read(CardActionRequest action)
    {
        var count = int.TryParse(action.GetString(StageCountField), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 0, ApprovalPolicy.MaxStages) : 0;
        var stages = new List<SettingsStageInput>();
        for (var i = 0; i < count; i++)
        {
            stages.Add(new SettingsStageInput(
                (action.GetString(StageInput(i, NameField)) ?? string.Empty).Trim(),
                (action.GetString(StageInput(i, ApproversField)) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                string.Equals(action.GetString(StageInput(i, ModeField)), "all", StringComparison.OrdinalIgnoreCase),
                action.GetString(StageInput(i, SlaField)) ?? string.Empty,
                action.GetString(StageInput(i, UrgentSlaField)) ?? string.Empty,
                int.TryParse(action.GetString(StageInput(i, PositionField)), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : i + 1,
                string.Equals(action.GetString(StageInput(i, RemoveField)), "true", StringComparison.OrdinalIgnoreCase)));
        }

        return new SettingsInput(
            stages,
            action.GetString(ChannelId) ?? ChannelKeep,
            string.Equals(action.GetString(SelfApprovalId), "true", StringComparison.OrdinalIgnoreCase),
            long.TryParse(action.GetString(VersionField), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null,
            action.GetString(ScopeField));
    }

    /// <summary>True when the card was built from exactly the policy that applies now.</summary>
    public static bool IsCurrent(SettingsInput input, ScopedPolicy current) =>
        input.Version == current.Version &&
        string.Equals(input.Scope, current.TeamId ?? DefaultScope, StringComparison.Ordinal) &&
        input.Stages.Count == current.Policy.Stages.Count;

    /// <summary>The policy the inputs describe, or the field errors (input id → message) that stop the save.</summary>
    public static (ApprovalPolicy? Policy, IReadOnlyDictionary<string, string> Errors) Apply(ApprovalPolicy current, SettingsInput input, ConversationReferenceChoice channel)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var kept = new List<(int Index, int Position, ApprovalStage Stage)>();
        for (var i = 0; i < input.Stages.Count && i < current.Stages.Count; i++)
        {
            var typed = input.Stages[i];
            var stored = current.Stages[i];
            if (typed.Remove)
            {
                continue;
            }

            var name = typed.Name.Trim();
            if (name.Length == 0)
            {
                errors[StageInput(i, NameField)] = "Give the stage a name, e.g. Legal or Social.";
            }
            else if (name.Length > MaxStageName)
            {
                errors[StageInput(i, NameField)] = $"Stage names have at most {MaxStageName} characters.";
            }
            else if (kept.Any(k => string.Equals(k.Stage.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                errors[StageInput(i, NameField)] = "Two stages can't have the same name.";
            }

            var approvers = stored.Approvers.Where(a => typed.Selected.Contains(a.Id, StringComparer.Ordinal)).ToList();
            if (approvers.Count == 0)
            {
                errors[StageInput(i, ApproversField)] =
                    $"Each stage needs at least one approver. Add someone with **approvers add @name to {CardText.Plain(name.Length > 0 ? name : stored.Name)}**, or remove the stage.";
            }

            var sla = ReadSla(typed.Sla, MinSla, MaxSla, "5 minutes and 30 days", StageInput(i, SlaField), errors);
            var urgent = ReadSla(typed.UrgentSla, MinUrgentSla, MaxUrgentSla, "1 minute and 24 hours", StageInput(i, UrgentSlaField), errors);
            if (sla is { } s && urgent is { } u && u > s)
            {
                errors[StageInput(i, UrgentSlaField)] = "Urgent posts should be reminded sooner than the others (or at the same time).";
            }

            kept.Add((i, typed.Position, new ApprovalStage(name, approvers, typed.All ? ApprovalMode.All : ApprovalMode.Any, sla ?? stored.Sla, urgent ?? stored.UrgentSla)));
        }

        if (kept.Count == 0 && input.Stages.Count > 0)
        {
            errors[StageInput(0, RemoveField)] = "Keep at least one stage.";
        }

        if (channel.Problem is { } problem)
        {
            errors[ChannelId] = problem;
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var stages = kept.OrderBy(k => k.Position).ThenBy(k => k.Index).Select(k => k.Stage).Take(ApprovalPolicy.MaxStages).ToList();
        return (current with { Stages = stages, Channel = channel.Channel, AllowSelfApproval = input.AllowSelfApproval }, errors);
    }

    /// <summary>A short line for the audit log: which parts changed.</summary>
    public static string Summarize(ApprovalPolicy before, ApprovalPolicy after)
    {
        var parts = new List<string>();
        var beforeNames = before.Stages.Select(s => s.Name).ToList();
        var afterNames = after.Stages.Select(s => s.Name).ToList();
        if (!beforeNames.SequenceEqual(afterNames, StringComparer.Ordinal))
        {
            parts.Add($"stages {string.Join(" → ", beforeNames)} became {string.Join(" → ", afterNames)}");
        }

        for (var i = 0; i < after.Stages.Count; i++)
        {
            var stage = after.Stages[i];
            var old = before.Stages.FirstOrDefault(s => string.Equals(s.Name, stage.Name, StringComparison.Ordinal))
                ?? (before.Stages.Count == after.Stages.Count ? before.Stages[i] : null);
            if (old is null)
            {
                continue;
            }

            if (old.Mode != stage.Mode)
            {
                parts.Add($"{stage.Name}: {(stage.Mode == ApprovalMode.All ? "everyone must approve" : "any one approver")}");
            }

            if (old.Sla != stage.Sla || old.UrgentSla != stage.UrgentSla)
            {
                parts.Add($"{stage.Name}: remind after {SlaText.Format(stage.Sla)}, urgent {SlaText.Format(stage.UrgentSla)}");
            }

            var removed = old.Approvers.Where(a => !stage.Approvers.Any(b => ApproverIdentity.Same(a, b))).Select(a => a.Name ?? a.Id).ToList();
            if (removed.Count > 0)
            {
                parts.Add($"{stage.Name}: removed {string.Join(", ", removed)}");
            }
        }

        if (before.Channel?.Conversation.Id != after.Channel?.Conversation.Id)
        {
            parts.Add(after.Channel is null ? "requests go 1:1" : "new approval channel");
        }

        if (before.AllowSelfApproval != after.AllowSelfApproval)
        {
            parts.Add(after.AllowSelfApproval ? "self-approval allowed" : "self-approval not allowed");
        }

        return parts.Count == 0 ? "saved the settings without changes" : "changed " + string.Join("; ", parts);
    }

    private static TimeSpan? ReadSla(string text, TimeSpan min, TimeSpan max, string range, string id, Dictionary<string, string> errors)
    {
        if (!SlaText.TryParse(text, out var value))
        {
            errors[id] = "Write a time like 4h, 90m or 1d 2h.";
            return null;
        }

        if (value < min || value > max)
        {
            errors[id] = $"Pick a time between {range}.";
            return null;
        }

        return value;
    }
}

/// <summary>The approval channel the card asked for, or why it can't be used.</summary>
internal sealed record ConversationReferenceChoice(Protocol.Schema.ConversationReference? Channel, string? Problem)
{
    public static ConversationReferenceChoice From(string choice, ApprovalPolicy current, TurnContext turn) => choice switch
    {
        ChannelNone => new(null, null),
        ChannelHere when turn.IsPersonal => new(current.Channel, "A 1:1 chat can't be the approval channel. Choose it from a channel or a group chat."),
        ChannelHere => new(turn.Reference, null),
        _ => new(current.Channel, null),
    };
}

/// <summary>Builds the settings card for one viewer.</summary>
internal static class ApprovalSettingsView
{
    public static ApprovalSettingsModel Model(ScopedPolicy scoped, TurnContext turn, bool editable, DateTimeOffset now, string? notice = null, bool problem = false, SettingsInput? typed = null, IReadOnlyDictionary<string, string>? errors = null)
    {
        var policy = scoped.Policy;
        var teamName = scoped.Policy.TeamName ?? turn.Activity.ChannelData?.Team?.Name;
        var inTeam = PolicyScope.Of(turn).TeamId is not null;
        var stages = policy.Stages.Select((stage, i) =>
        {
            var input = typed is not null && i < typed.Stages.Count ? typed.Stages[i] : null;
            return new ApprovalSettingsStageFields
            {
                Name = input?.Name ?? stage.Name,
                Approvers = stage.Approvers.Select(a => new Choice(a.Name ?? $"{a.Id} (hasn't talked to me yet)", a.Id)).ToList(),
                Selected = input?.Selected ?? stage.Approvers.Select(a => a.Id).ToList(),
                All = input?.All ?? stage.Mode == ApprovalMode.All,
                Sla = input?.Sla ?? SlaText.Format(stage.Sla),
                UrgentSla = input?.UrgentSla ?? SlaText.Format(stage.UrgentSla),
                Hint = string.Create(
                    CultureInfo.InvariantCulture,
                    $"Now: a reminder after {stage.Sla.Humanize(2, culture: CultureInfo.InvariantCulture)} and an escalation after {(stage.Sla * 2).Humanize(2, culture: CultureInfo.InvariantCulture)}; urgent posts after {stage.UrgentSla.Humanize(2, culture: CultureInfo.InvariantCulture)}."),
                Position = input?.Position ?? i + 1,
                Remove = input?.Remove ?? false,
            };
        }).ToList();

        return new ApprovalSettingsModel
        {
            Title = scoped.IsTeamPolicy ? $"Approval settings · {teamName ?? "this team"}" : "Approval settings",
            ScopeNote = scoped.IsTeamPolicy
                ? "This team has its own settings: they apply to posts written in this team."
                : inTeam
                    ? "This team uses the tenant's default settings, which also apply to posts written in chats and in teams without their own settings."
                    : "The tenant's default settings: they apply to posts written in chats and in teams without their own settings.",
            Stages = stages,
            ChannelLine = ChannelLine(policy, turn),
            ChannelChoices = ChannelChoices(policy, turn),
            ChannelValue = typed?.Channel ?? ChannelKeep,
            AllowSelfApproval = typed?.AllowSelfApproval ?? policy.AllowSelfApproval,
            Editable = editable,
            FieldErrors = errors ?? new Dictionary<string, string>(),
            Notice = notice,
            NoticeIsProblem = problem,
            UpdatedByName = policy.UpdatedBy?.Name,
            UpdatedAt = policy.UpdatedAt,
            Now = now,
            ActionData = ApprovalSettingsForm.ActionData(scoped),
            CanSeparate = editable && inTeam && !scoped.IsTeamPolicy,
            CanInherit = editable && scoped.IsTeamPolicy,
        };
    }

    private static string ChannelLine(ApprovalPolicy policy, TurnContext turn) => policy.Channel switch
    {
        null => "Each approver gets approval requests in a 1:1 chat.",
        var channel when SameConversation(channel.Conversation.Id, turn.ConversationId) => "Approval requests are posted in this conversation.",
        var channel when channel.Conversation.Name is { Length: > 0 } name => $"Approval requests are posted in {name}.",
        _ => "Approval requests are posted in another channel or chat (type **approvals here** there to see it).",
    };

    private static List<Choice> ChannelChoices(ApprovalPolicy policy, TurnContext turn)
    {
        var choices = new List<Choice> { new(policy.Channel is null ? "Keep: 1:1 chats with each approver" : "Keep the current approval channel", ChannelKeep) };
        if (!turn.IsPersonal && (policy.Channel is null || !SameConversation(policy.Channel.Conversation.Id, turn.ConversationId)))
        {
            choices.Add(new("Post approval requests in this conversation", ChannelHere));
        }

        if (policy.Channel is not null)
        {
            choices.Add(new("No channel: 1:1 chats with each approver", ChannelNone));
        }

        return choices;
    }

    // A channel thread's conversation id is the channel id plus ";messageid=…".
    private static bool SameConversation(string? a, string? b) =>
        a is not null && b is not null && string.Equals(a.Split(';')[0], b.Split(';')[0], StringComparison.Ordinal);
}

/// <summary><c>settings</c>: the approval settings card; editable for admins and approvers, read-only for everyone else.</summary>
internal sealed class SettingsCommand(ApprovalPolicyStore policies) : ICommand
{
    public CommandDescriptor Descriptor { get; } = new("settings", "settings", "Approval settings: stages, approvers, reminder times, channel (admins and approvers change them).");

    public async Task ExecuteAsync(TurnContext turn, CommandMatch match, CancellationToken ct)
    {
        var me = ApprovalPresses.Person(turn);
        var scope = PolicyScope.Of(turn);
        var scoped = await policies.ResolveAsync(scope, ct);
        if (scoped.Policy.Learn(me) is not null)
        {
            // A configured approver known only by Entra id: learn their name and Teams id before showing the card.
            await policies.UpdateAsync(scope, p => p.Learn(me), ct);
            scoped = await policies.ResolveAsync(scope, ct);
        }

        var card = ApprovalSettingsCard.Build(ApprovalSettingsView.Model(scoped, turn, scoped.Policy.CanManage(me), turn.Clock.GetUtcNow()));
        await turn.SendCardAsync(card, ct);
    }
}

/// <summary><c>approvals.settings.save</c>: validates, checks who saves, and stores with compare-and-set.</summary>
internal sealed class SettingsSaveAction(ApprovalPolicyStore policies) : ICardActionHandler
{
    public const string Refusal = "Only admins and approvers can change the approval settings, so nothing changed. Ask one of them (type **approvers** to see who).";
    public const string Changed = "Someone changed these settings meanwhile, so I didn't save yours. Here are the current ones; make your change again.";

    public string Verb => SaveVerb;

    public async Task<CardActionResult> ExecuteAsync(TurnContext turn, CardActionRequest action, CancellationToken ct)
    {
        var me = ApprovalPresses.Person(turn);
        var now = turn.Clock.GetUtcNow();
        var input = ApprovalSettingsForm.Read(action);
        var current = await policies.ResolveAsync(PolicyScope.Of(turn), ct);
        if (!current.Policy.CanManage(me))
        {
            return Card(current, turn, false, now, Refusal, problem: true);
        }

        if (!ApprovalSettingsForm.IsCurrent(input, current))
        {
            return Card(current, turn, true, now, Changed, problem: true);
        }

        var (next, errors) = ApprovalSettingsForm.Apply(current.Policy, input, ConversationReferenceChoice.From(input.Channel, current.Policy, turn));
        if (next is null)
        {
            return Card(current, turn, true, now, "Please fix the marked fields; nothing was saved yet.", problem: true, input, errors);
        }

        var saved = await policies.TryWriteAsync(turn.TenantId, current, next, me, ApprovalSettingsForm.Summarize(current.Policy, next), ct);
        if (saved is null)
        {
            return Card(await policies.ResolveAsync(PolicyScope.Of(turn), ct), turn, true, now, Changed, problem: true);
        }

        return Card(await policies.ResolveAsync(PolicyScope.Of(turn), ct), turn, true, now, "✅ Saved. New requests use these settings; waiting ones follow them from their next step.");
    }

    private static CardActionResult Card(ScopedPolicy scoped, TurnContext turn, bool editable, DateTimeOffset now, string notice, bool problem = false, SettingsInput? typed = null, IReadOnlyDictionary<string, string>? errors = null) =>
        CardActionResult.WithCard(ApprovalSettingsCard.Build(ApprovalSettingsView.Model(scoped, turn, editable, now, notice, problem, typed, errors)));
}

/// <summary><c>approvals.settings.separate</c>: the team gets its own settings, copied from the tenant default.</summary>
internal sealed class SettingsSeparateAction(ApprovalPolicyStore policies) : ICardActionHandler
{
    public string Verb => SeparateVerb;

    public async Task<CardActionResult> ExecuteAsync(TurnContext turn, CardActionRequest action, CancellationToken ct)
    {
        var me = ApprovalPresses.Person(turn);
        var scope = PolicyScope.Of(turn);
        var now = turn.Clock.GetUtcNow();
        var current = await policies.ResolveAsync(scope, ct);
        if (scope.TeamId is null)
        {
            return CardActionResult.WithMessage("Only a team can have its own approval settings. Open **settings** in one of the team's channels.");
        }

        if (!current.Policy.CanManage(me))
        {
            return View(current, turn, false, now, SettingsSaveAction.Refusal, true);
        }

        if (current.IsTeamPolicy)
        {
            return View(current, turn, true, now, "This team already has its own settings.", false);
        }

        var copy = current.Policy with
        {
            Channel = turn.IsChannel ? turn.Reference : null,
            AnyReference = turn.Reference,
            TeamName = turn.Activity.ChannelData?.Team?.Name,
        };
        await policies.CreateTeamPolicyAsync(scope, copy, me, ct);
        return View(
            await policies.ResolveAsync(scope, ct),
            turn,
            true,
            now,
            "✅ This team now has its own settings, copied from the tenant default. Posts written in this team use them from now on.",
            false);
    }

    internal static CardActionResult View(ScopedPolicy scoped, TurnContext turn, bool editable, DateTimeOffset now, string notice, bool problem) =>
        CardActionResult.WithCard(ApprovalSettingsCard.Build(ApprovalSettingsView.Model(scoped, turn, editable, now, notice, problem)));
}

/// <summary><c>approvals.settings.inherit</c>: the team drops its own settings and uses the tenant default again.</summary>
internal sealed class SettingsInheritAction(ApprovalPolicyStore policies) : ICardActionHandler
{
    public string Verb => InheritVerb;

    public async Task<CardActionResult> ExecuteAsync(TurnContext turn, CardActionRequest action, CancellationToken ct)
    {
        var me = ApprovalPresses.Person(turn);
        var scope = PolicyScope.Of(turn);
        var now = turn.Clock.GetUtcNow();
        var current = await policies.ResolveAsync(scope, ct);
        if (!current.Policy.CanManage(me))
        {
            return SettingsSeparateAction.View(current, turn, false, now, SettingsSaveAction.Refusal, true);
        }

        var input = ApprovalSettingsForm.Read(action);
        if (!current.IsTeamPolicy || !ApprovalSettingsForm.IsCurrent(input, current) ||
            !await policies.RemoveTeamPolicyAsync(scope, current.Version, me, ct))
        {
            return SettingsSeparateAction.View(await policies.ResolveAsync(scope, ct), turn, true, now, SettingsSaveAction.Changed, true);
        }

        var after = await policies.ResolveAsync(scope, ct);
        return SettingsSeparateAction.View(after, turn, after.Policy.CanManage(me), now, "✅ This team uses the tenant's default settings again.", false);
    }
}
