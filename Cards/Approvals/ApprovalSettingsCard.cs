using System.Globalization;
using System.Text.Json.Nodes;
using Humanizer;
using SocialBot.Cards.AdaptiveCards;

namespace SocialBot.Cards.Approvals;

/// <summary>One stage as the settings card shows it (stored values, or what was typed when a save was refused).</summary>
public sealed record ApprovalSettingsStageFields
{
    /// <summary>Stage name, e.g. "Legal".</summary>
    public required string Name { get; init; }

    /// <summary>The stage's approvers (title: name, value: Entra object id).</summary>
    public IReadOnlyList<Choice> Approvers { get; init; } = [];

    /// <summary>Ids of the approvers that stay (all of them unless unticked).</summary>
    public IReadOnlyList<string> Selected { get; init; } = [];

    /// <summary>Everyone must approve (mode <c>all</c>) rather than any one approver.</summary>
    public bool All { get; init; }

    /// <summary>Reminder time as text, e.g. "4h".</summary>
    public required string Sla { get; init; }

    /// <summary>Reminder time for urgent posts as text, e.g. "30m".</summary>
    public required string UrgentSla { get; init; }

    /// <summary>The stored times humanized, e.g. "Reminder after 4 hours, escalation after 8 hours".</summary>
    public string? Hint { get; init; }

    /// <summary>Position in the order, from 1.</summary>
    public int Position { get; init; } = 1;

    /// <summary>Ticked "Remove this stage".</summary>
    public bool Remove { get; init; }
}

/// <summary>Everything the approval settings card shows.</summary>
public sealed record ApprovalSettingsModel
{
    /// <summary>"Approval settings · Marketing".</summary>
    public required string Title { get; init; }

    /// <summary>What these settings apply to.</summary>
    public required string ScopeNote { get; init; }

    /// <summary>Stages in order.</summary>
    public required IReadOnlyList<ApprovalSettingsStageFields> Stages { get; init; }

    /// <summary>Where approval requests go now, e.g. "This channel".</summary>
    public required string ChannelLine { get; init; }

    /// <summary>Choices for the approval channel (editable card only).</summary>
    public IReadOnlyList<Choice> ChannelChoices { get; init; } = [];

    /// <summary>Selected channel choice.</summary>
    public string ChannelValue { get; init; } = ApprovalSettingsCard.ChannelKeep;

    /// <summary>Authors may approve their own posts.</summary>
    public bool AllowSelfApproval { get; init; }

    /// <summary>Inputs and Save (admins and approvers); otherwise read-only text.</summary>
    public bool Editable { get; init; }

    /// <summary>Input id → what is wrong with it.</summary>
    public IReadOnlyDictionary<string, string> FieldErrors { get; init; } = new Dictionary<string, string>();

    /// <summary>A line at the top ("Saved.", "Someone changed these meanwhile …").</summary>
    public string? Notice { get; init; }

    /// <summary>The notice reports a problem (shown in attention colour).</summary>
    public bool NoticeIsProblem { get; init; }

    /// <summary>Who changed the settings last.</summary>
    public string? UpdatedByName { get; init; }

    /// <summary>When they did.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Now, for "5 minutes ago".</summary>
    public DateTimeOffset Now { get; init; }

    /// <summary>Sent back with every button (policy version and scope, for compare-and-set).</summary>
    public JsonObject ActionData { get; init; } = [];

    /// <summary>In a team that uses the tenant default: offer "Give this team its own settings".</summary>
    public bool CanSeparate { get; init; }

    /// <summary>In a team with its own settings: offer "Use the tenant default again".</summary>
    public bool CanInherit { get; init; }
}

/// <summary>
/// The approval settings card (<c>settings</c>). Approvers cannot be picked on the card: Teams' people picker
/// (<c>choices.data</c> of type <c>Data.Query</c>) is not part of the Adaptive Card 1.5 schema the gallery is validated
/// against, so approvers are listed (untick to remove) and added with <c>approvers add @name [to stage]</c>.
/// </summary>
public static class ApprovalSettingsCard
{
    /// <summary>Save the settings.</summary>
    public const string SaveVerb = "approvals.settings.save";

    /// <summary>Give this team its own settings (a copy of the tenant default).</summary>
    public const string SeparateVerb = "approvals.settings.separate";

    /// <summary>Drop this team's own settings (the tenant default applies).</summary>
    public const string InheritVerb = "approvals.settings.inherit";

    /// <summary>Channel choices.</summary>
    public const string ChannelKeep = "keep", ChannelHere = "here", ChannelNone = "none";

    /// <summary>Input ids that are not per stage.</summary>
    public const string ChannelId = "channel", SelfApprovalId = "allowSelfApproval";

    /// <summary>Per-stage input fields.</summary>
    public const string NameField = "Name", ApproversField = "Approvers", ModeField = "Mode", SlaField = "Sla", UrgentSlaField = "UrgentSla", PositionField = "Position", RemoveField = "Remove";

    /// <summary>The input id of a stage's field, e.g. <c>stage0Sla</c>.</summary>
    /// <param name="index">Stage index from 0.</param>
    /// <param name="field">One of the field constants.</param>
    public static string StageInput(int index, string field) => string.Create(CultureInfo.InvariantCulture, $"stage{index}{field}");

    /// <summary>Builds the card.</summary>
    /// <param name="model">What to show.</param>
    public static AdaptiveCard Build(ApprovalSettingsModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var body = new List<CardElement>
        {
            new TextBlock { Text = CardText.Plain(model.Title), Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true },
            new TextBlock { Text = CardText.Plain(model.ScopeNote), Wrap = true, IsSubtle = true, Spacing = Spacing.None },
        };
        if (model.Notice is { Length: > 0 } notice)
        {
            body.Add(new TextBlock { Text = CardText.Plain(notice), Wrap = true, Color = model.NoticeIsProblem || model.FieldErrors.Count > 0 ? TextColor.Attention : TextColor.Good });
        }

        for (var i = 0; i < model.Stages.Count; i++)
        {
            body.Add(model.Editable ? EditableStage(model, i) : ReadOnlyStage(model, i));
        }

        if (model.Editable)
        {
            body.Add(new TextBlock
            {
                Text = "Add people with **approvers add @name** (first stage) or **approvers add @name to Legal**; naming a new stage creates it.",
                Wrap = true,
                IsSubtle = true,
                Size = TextSize.Small,
            });
        }

        body.Add(new TextBlock { Text = "Where requests go", Weight = TextWeight.Bolder, Wrap = true, Spacing = Spacing.Medium, Separator = true });
        body.Add(new TextBlock { Text = CardText.Plain(model.ChannelLine), Wrap = true, Spacing = Spacing.None });
        if (model.Editable && model.ChannelChoices.Count > 1)
        {
            body.Add(new ChoiceSetInput { Id = ChannelId, Label = "Approval channel", Choices = model.ChannelChoices, Value = model.ChannelValue, Style = ChoiceSetStyle.Compact });
            AddError(body, model, ChannelId);
        }

        if (model.Editable)
        {
            body.Add(new ToggleInput
            {
                Id = SelfApprovalId,
                Title = "Approvers may approve their own posts",
                Value = ToggleInput.ValueOf(model.AllowSelfApproval),
                ValueOn = "true",
                ValueOff = "false",
                Wrap = true,
            });
        }
        else
        {
            body.Add(new TextBlock { Text = model.AllowSelfApproval ? "Approvers may approve their own posts." : "Nobody approves their own posts.", Wrap = true });
            body.Add(new TextBlock { Text = "Only admins and approvers can change these settings.", Wrap = true, IsSubtle = true, Size = TextSize.Small });
        }

        if (model.UpdatedAt is { } at)
        {
            var who = CardText.Plain(model.UpdatedByName ?? "someone");
            body.Add(new TextBlock { Text = $"Last changed by {who} · {at.Humanize(model.Now, CultureInfo.InvariantCulture)}", Wrap = true, IsSubtle = true, Size = TextSize.Small });
        }

        var actions = new List<CardAction>();
        if (model.Editable)
        {
            actions.Add(Button("💾 Save", SaveVerb, model) with { Style = ActionStyle.Positive });
            if (model.CanSeparate)
            {
                actions.Add(Button("Give this team its own settings", SeparateVerb, model) with { AssociatedInputs = AssociatedInputs.None });
            }

            if (model.CanInherit)
            {
                actions.Add(Button("Use the tenant default again", InheritVerb, model) with { AssociatedInputs = AssociatedInputs.None });
            }
        }

        return new AdaptiveCard
        {
            Body = body,
            Actions = actions.Count == 0 ? null : actions,
            FallbackText = "Approval settings. Open this card in Teams to see them.",
        };
    }

    private static Container EditableStage(ApprovalSettingsModel model, int i)
    {
        var stage = model.Stages[i];
        var items = new List<CardElement>
        {
            new TextBlock { Text = CardText.Plain($"Stage {i + 1}"), Weight = TextWeight.Bolder, Wrap = true },
            new TextInput { Id = StageInput(i, NameField), Label = "Name", Value = stage.Name, MaxLength = 40, IsRequired = true, ErrorMessage = "Give the stage a name." },
        };
        AddError(items, model, StageInput(i, NameField));
        if (stage.Approvers.Count > 0)
        {
            items.Add(new ChoiceSetInput
            {
                Id = StageInput(i, ApproversField),
                Label = "Approvers (untick to remove)",
                IsMultiSelect = true,
                Style = ChoiceSetStyle.Expanded,
                Choices = stage.Approvers.Select(a => new Choice(CardText.Plain(a.Title), a.Value)).ToList(),
                Value = string.Join(',', stage.Selected),
                Wrap = true,
            });
        }
        else
        {
            items.Add(new TextBlock { Text = "No approvers yet.", Wrap = true, Color = TextColor.Warning });
        }

        AddError(items, model, StageInput(i, ApproversField));
        items.Add(new ChoiceSetInput
        {
            Id = StageInput(i, ModeField),
            Label = "Who decides",
            Style = ChoiceSetStyle.Compact,
            Choices = [new Choice("Any one approver", "any"), new Choice("Everyone must approve", "all")],
            Value = stage.All ? "all" : "any",
        });
        items.Add(new ColumnSet
        {
            Columns =
            [
                new Column { Width = ColumnWidth.Stretch, Items = [new TextInput { Id = StageInput(i, SlaField), Label = "Remind after", Value = stage.Sla, Placeholder = "4h", MaxLength = 20 }] },
                new Column { Width = ColumnWidth.Stretch, Items = [new TextInput { Id = StageInput(i, UrgentSlaField), Label = "Urgent: remind after", Value = stage.UrgentSla, Placeholder = "30m", MaxLength = 20 }] },
            ],
        });
        AddError(items, model, StageInput(i, SlaField));
        AddError(items, model, StageInput(i, UrgentSlaField));
        if (stage.Hint is { Length: > 0 } hint)
        {
            items.Add(new TextBlock { Text = CardText.Plain(hint), Wrap = true, IsSubtle = true, Size = TextSize.Small, Spacing = Spacing.None });
        }

        if (model.Stages.Count > 1)
        {
            items.Add(new ColumnSet
            {
                Columns =
                [
                    new Column
                    {
                        Width = ColumnWidth.Stretch,
                        Items =
                        [
                            new ChoiceSetInput
                            {
                                Id = StageInput(i, PositionField),
                                Label = "Order",
                                Style = ChoiceSetStyle.Compact,
                                Choices = Enumerable.Range(1, model.Stages.Count).Select(n => new Choice(string.Create(CultureInfo.InvariantCulture, $"{n.Ordinalize(CultureInfo.InvariantCulture)}"), n.ToString(CultureInfo.InvariantCulture))).ToList(),
                                Value = stage.Position.ToString(CultureInfo.InvariantCulture),
                            },
                        ],
                    },
                    new Column
                    {
                        Width = ColumnWidth.Stretch,
                        Items = [new ToggleInput { Id = StageInput(i, RemoveField), Title = "Remove this stage", Value = ToggleInput.ValueOf(stage.Remove), ValueOn = "true", ValueOff = "false" }],
                    },
                ],
            });
        }

        return new Container { Items = items, Separator = i > 0, Spacing = Spacing.Medium };
    }

    private static Container ReadOnlyStage(ApprovalSettingsModel model, int i)
    {
        var stage = model.Stages[i];
        var who = stage.Approvers.Count == 0 ? "nobody yet" : string.Join(", ", stage.Approvers.Select(a => CardText.Plain(a.Title)));
        return new Container
        {
            Separator = i > 0,
            Spacing = Spacing.Medium,
            Items =
            [
                new TextBlock { Text = CardText.Plain(model.Stages.Count > 1 ? $"{i + 1}. {stage.Name}" : stage.Name), Weight = TextWeight.Bolder, Wrap = true },
                new FactSet
                {
                    Facts =
                    [
                        new Fact("Approvers", who),
                        new Fact("Who decides", stage.All ? "Everyone must approve" : "Any one approver"),
                        new Fact("Remind after", CardText.Plain(stage.Sla)),
                        new Fact("Urgent: remind after", CardText.Plain(stage.UrgentSla)),
                    ],
                },
            ],
        };
    }

    private static ExecuteAction Button(string title, string verb, ApprovalSettingsModel model) =>
        new() { Title = title, Verb = verb, Data = (JsonObject)model.ActionData.DeepClone(), AssociatedInputs = AssociatedInputs.Auto };

    private static void AddError(List<CardElement> items, ApprovalSettingsModel model, string id)
    {
        if (model.FieldErrors.TryGetValue(id, out var error))
        {
            items.Add(new TextBlock { Text = CardText.Plain(error), Color = TextColor.Attention, Wrap = true, Size = TextSize.Small, Spacing = Spacing.None });
        }
    }
}
