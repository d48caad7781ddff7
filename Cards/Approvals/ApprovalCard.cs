using System.Globalization;
using System.Text.Json.Nodes;
using Humanizer;
using SocialBot.Cards.AdaptiveCards;

namespace SocialBot.Cards.Approvals;

/// <summary>Who is looking at an approval card; decides which buttons it has.</summary>
public enum ApprovalViewer
{
    /// <summary>Status only (also the shared card everybody gets before a refresh).</summary>
    Other,

    /// <summary>An approver of the current stage: Approve / Request changes / Reject.</summary>
    Approver,

    /// <summary>The author: Edit / Withdraw.</summary>
    Author,
}

/// <summary>Where an approval request stands, as shown.</summary>
public enum ApprovalCardStatus
{
    /// <summary>Waiting for a decision.</summary>
    Pending,

    /// <summary>Approved without a publish time.</summary>
    Approved,

    /// <summary>Approved with a publish time.</summary>
    Scheduled,

    /// <summary>Sent back to the author.</summary>
    ChangesRequested,

    /// <summary>Rejected.</summary>
    Rejected,

    /// <summary>Withdrawn by the author.</summary>
    Withdrawn,

    /// <summary>Still pending at its publish time.</summary>
    Expired,

    /// <summary>Marked as published.</summary>
    Published,

    /// <summary>Held by "Freeze scheduled posts".</summary>
    Frozen,
}

/// <summary>The last decision on the request.</summary>
/// <param name="Verb">Past tense shown on the card, e.g. "Approved".</param>
/// <param name="ActorName">Who decided.</param>
/// <param name="At">When.</param>
/// <param name="Comment">Comment or reason, if any.</param>
public sealed record ApprovalDecisionLine(string Verb, string ActorName, DateTimeOffset At, string? Comment);

/// <summary>One piece of a word diff between the version the approvers saw and this one.</summary>
/// <param name="Text">Words, with their spacing.</param>
/// <param name="Kind">-1 removed, 0 unchanged, 1 added.</param>
public sealed record DiffPiece(string Text, int Kind);

/// <summary>Everything an approval card shows.</summary>
public sealed record ApprovalCardModel
{
    /// <summary>Draft id, e.g. P-42.</summary>
    public required string DraftId { get; init; }

    /// <summary>The content version the card shows; echoed by every button so stale presses are detected.</summary>
    public required int ContentVersion { get; init; }

    /// <summary>Author display name.</summary>
    public required string AuthorName { get; init; }

    /// <summary>Post text.</summary>
    public required string Text { get; init; }

    /// <summary>Counters per network, e.g. "X 213/280".</summary>
    public IReadOnlyList<string> Networks { get; init; } = [];

    /// <summary>Publish time, humanized and in its zone ("in 2 days, Tue 8 Dec 10:00 CET").</summary>
    public string? PublishTime { get; init; }

    /// <summary>Campaign name.</summary>
    public string? Campaign { get; init; }

    /// <summary>Notes to the reviewer.</summary>
    public string? Notes { get; init; }

    /// <summary>Rule warnings.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>What changed since the version the approvers last saw; null on a first submission.</summary>
    public IReadOnlyList<DiffPiece>? Changes { get; init; }

    /// <summary>Urgent lane.</summary>
    public bool Urgent { get; init; }

    /// <summary>Current status.</summary>
    public required ApprovalCardStatus Status { get; init; }

    /// <summary>"Stage 1 of 2 · Legal" while pending with several stages.</summary>
    public string? StageLine { get; init; }

    /// <summary>Names of the approvers who already agreed in the current stage (mode all).</summary>
    public IReadOnlyList<string> ApprovedSoFar { get; init; } = [];

    /// <summary>The decision that set the status, if any.</summary>
    public ApprovalDecisionLine? Decision { get; init; }

    /// <summary>Published link.</summary>
    public string? PublishedUrl { get; init; }

    /// <summary>Who is looking.</summary>
    public ApprovalViewer Viewer { get; init; }

    /// <summary>A line for the presser only, e.g. a refusal or "Someone decided first".</summary>
    public string? Notice { get; init; }

    /// <summary>Teams user ids that get user-specific views; null when there are too many (manual refresh).</summary>
    public IReadOnlyList<string>? RefreshUserIds { get; init; }

    /// <summary>The approver may mark an approved post as published.</summary>
    public bool CanMarkPublished { get; init; }

    /// <summary>The instant the card is built.</summary>
    public required DateTimeOffset Now { get; init; }
}

/// <summary>Builds approval request cards and their user-specific views.</summary>
public static class ApprovalCard
{
    /// <summary>Refresh verb.</summary>
    public const string RefreshVerb = "approvals.refresh";

    /// <summary>Approve verb.</summary>
    public const string ApproveVerb = "approvals.approve";

    /// <summary>Request changes verb (comment required).</summary>
    public const string RequestChangesVerb = "approvals.requestChanges";

    /// <summary>Reject verb (reason required).</summary>
    public const string RejectVerb = "approvals.reject";

    /// <summary>Withdraw verb (author).</summary>
    public const string WithdrawVerb = "approvals.withdraw";

    /// <summary>Mark as published verb.</summary>
    public const string MarkPublishedVerb = "approvals.markPublished";

    /// <summary>Drafts' edit verb.</summary>
    public const string EditVerb = "drafts.edit";

    /// <summary>Builds the card for <see cref="ApprovalCardModel.Viewer"/>.</summary>
    /// <param name="model">What to show.</param>
    public static AdaptiveCard Build(ApprovalCardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var body = new List<CardElement>();
        if (model.Notice is { } notice)
        {
            body.Add(new TextBlock { Text = CardText.Plain(notice), Wrap = true, Color = TextColor.Attention, Weight = TextWeight.Bolder });
        }

        body.Add(new TextBlock
        {
            Text = $"{(model.Urgent ? "🚨 Urgent · " : string.Empty)}Approval request {CardText.Plain(model.DraftId)}",
            Size = TextSize.Large,
            Weight = TextWeight.Bolder,
            Wrap = true,
        });
        body.Add(new TextBlock { Text = StatusText(model), Wrap = true, Color = StatusColor(model.Status), Weight = TextWeight.Bolder, Spacing = Spacing.None });
        if (model.StageLine is { } stage && model.Status == ApprovalCardStatus.Pending)
        {
            body.Add(new TextBlock { Text = CardText.Plain(stage), Wrap = true, IsSubtle = true, Spacing = Spacing.None });
        }

        if (model.ApprovedSoFar.Count > 0 && model.Status == ApprovalCardStatus.Pending)
        {
            body.Add(new TextBlock { Text = "Already approved by " + CardText.Plain(string.Join(", ", model.ApprovedSoFar)), Wrap = true, IsSubtle = true, Spacing = Spacing.None });
        }

        body.Add(new TextBlock { Text = CardText.Plain(Shorten(model.Text, 3000)), Wrap = true, Separator = true });

        var facts = new List<Fact> { new("Author", CardText.Plain(model.AuthorName)) };
        if (model.Networks.Count > 0)
        {
            facts.Add(new("Networks", CardText.Plain(string.Join(" · ", model.Networks))));
        }

        if (model.PublishTime is { } publishTime)
        {
            facts.Add(new("Publish", CardText.Plain(publishTime)));
        }

        if (!string.IsNullOrWhiteSpace(model.Campaign))
        {
            facts.Add(new("Campaign", CardText.Plain(Shorten(model.Campaign, 200))));
        }

        if (!string.IsNullOrWhiteSpace(model.Notes))
        {
            facts.Add(new("Notes", CardText.Plain(Shorten(model.Notes, 1000))));
        }

        if (model.PublishedUrl is { } url)
        {
            facts.Add(new("Published", CardText.Plain(url)));
        }

        body.Add(new FactSet { Facts = facts });
        foreach (var warning in model.Warnings.Take(5))
        {
            body.Add(new TextBlock { Text = "⚠️ " + CardText.Plain(warning), Wrap = true, Color = TextColor.Warning, Spacing = Spacing.Small });
        }

        if (model.Changes is { Count: > 0 } changes)
        {
            body.Add(new TextBlock { Text = "What changed since the last version", Weight = TextWeight.Bolder, Wrap = true, Separator = true });
            body.Add(new RichTextBlock { Inlines = DiffRuns(changes) });
        }

        var actions = Actions(model, body);
        if (model.RefreshUserIds is null)
        {
            body.Add(new TextBlock
            {
                Text = "This chat has too many people for personal buttons. Press **Refresh** to see what you can do.",
                Wrap = true,
                IsSubtle = true,
                Size = TextSize.Small,
            });
        }

        return new AdaptiveCard
        {
            Body = body,
            Actions = actions.Count == 0 ? null : actions,
            Refresh = new Refresh
            {
                Action = new ExecuteAction { Title = "Refresh", Verb = RefreshVerb, Data = Data(model) },
                UserIds = model.RefreshUserIds ?? [],
            },
            FallbackText = $"Approval request {model.DraftId} by {model.AuthorName}: {StatusText(model)}",
        };
    }

    private static List<CardAction> Actions(ApprovalCardModel model, List<CardElement> body)
    {
        var actions = new List<CardAction>();
        if (model.Viewer == ApprovalViewer.Approver && model.Status is ApprovalCardStatus.Pending or ApprovalCardStatus.Frozen)
        {
            actions.Add(new ShowCardAction
            {
                Title = model.Status == ApprovalCardStatus.Frozen ? "✅ Re-approve" : "✅ Approve",
                Card = new AdaptiveCard
                {
                    Body =
                    [
                        new TextInput
                        {
                            Id = "editedText",
                            Label = "Edit the text before approving (optional; the author is told)",
                            Value = model.Text.Length <= 5000 ? model.Text : null,
                            IsMultiline = true,
                            MaxLength = 5000,
                        },
                    ],
                    Actions = [new ExecuteAction { Title = "Approve", Verb = ApproveVerb, Data = Data(model), Style = ActionStyle.Positive }],
                },
            });
            if (model.Status == ApprovalCardStatus.Pending)
            {
                actions.Add(ReasonAction("✏️ Request changes", RequestChangesVerb, "comment", "What should the author change?", "Please say what to change.", model));
                actions.Add(ReasonAction("⛔ Reject", RejectVerb, "reason", "Why is this rejected?", "Please give a reason.", model));
            }
        }
        else if (model.Viewer == ApprovalViewer.Author && model.Status is ApprovalCardStatus.Pending or ApprovalCardStatus.ChangesRequested)
        {
            actions.Add(new ExecuteAction { Title = "✏️ Edit", Verb = EditVerb, Data = new JsonObject { ["draftId"] = model.DraftId } });
            actions.Add(new ExecuteAction { Title = "Withdraw", Verb = WithdrawVerb, Data = Data(model), Style = ActionStyle.Destructive });
        }

        if (model.CanMarkPublished && model.Status is ApprovalCardStatus.Approved or ApprovalCardStatus.Scheduled)
        {
            actions.Add(new ShowCardAction
            {
                Title = "Mark as published",
                Card = new AdaptiveCard
                {
                    Body = [new TextInput { Id = "publishedUrl", Label = "Link to the post (optional)", Placeholder = "https://…", MaxLength = 2000 }],
                    Actions = [new ExecuteAction { Title = "Mark as published", Verb = MarkPublishedVerb, Data = Data(model) }],
                },
            });
        }

        if (model.RefreshUserIds is null)
        {
            actions.Add(new ExecuteAction { Title = "Refresh", Verb = RefreshVerb, Data = Data(model), AssociatedInputs = AssociatedInputs.None });
        }

        _ = body;
        return actions;
    }

    private static ShowCardAction ReasonAction(string title, string verb, string input, string label, string error, ApprovalCardModel model) => new()
    {
        Title = title,
        Card = new AdaptiveCard
        {
            Body = [new TextInput { Id = input, Label = label, IsRequired = true, ErrorMessage = error, IsMultiline = true, MaxLength = 2000 }],
            Actions = [new ExecuteAction { Title = "Send", Verb = verb, Data = Data(model) }],
        },
    };

    private static JsonObject Data(ApprovalCardModel model) => new()
    {
        ["draftId"] = model.DraftId,
        ["version"] = model.ContentVersion.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The status line, e.g. "Approved by Ada · 2 minutes ago".</summary>
    /// <param name="model">The card model.</param>
    public static string StatusText(ApprovalCardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Status == ApprovalCardStatus.Pending)
        {
            return "⏳ Waiting for approval";
        }

        var label = model.Status switch
        {
            ApprovalCardStatus.Approved => "✅ Approved",
            ApprovalCardStatus.Scheduled => "✅ Scheduled",
            ApprovalCardStatus.ChangesRequested => "✏️ Changes requested",
            ApprovalCardStatus.Rejected => "⛔ Rejected",
            ApprovalCardStatus.Withdrawn => "Withdrawn",
            ApprovalCardStatus.Expired => "⌛ Expired",
            ApprovalCardStatus.Published => "📣 Published",
            ApprovalCardStatus.Frozen => "🧊 Frozen",
            _ => model.Status.ToString(),
        };
        if (model.Decision is not { } decision)
        {
            return label;
        }

        var line = $"{label} by {CardText.Plain(decision.ActorName)} · {decision.At.Humanize(model.Now, CultureInfo.InvariantCulture)}";
        return decision.Comment is { Length: > 0 } comment ? $"{line}: \"{CardText.Plain(Shorten(comment, 500))}\"" : line;
    }

    private static TextColor StatusColor(ApprovalCardStatus status) => status switch
    {
        ApprovalCardStatus.Approved or ApprovalCardStatus.Scheduled or ApprovalCardStatus.Published => TextColor.Good,
        ApprovalCardStatus.Rejected or ApprovalCardStatus.Expired => TextColor.Attention,
        ApprovalCardStatus.ChangesRequested or ApprovalCardStatus.Frozen => TextColor.Warning,
        _ => TextColor.Accent,
    };

    private static List<TextRun> DiffRuns(IReadOnlyList<DiffPiece> pieces)
    {
        var runs = new List<TextRun>();
        foreach (var piece in pieces.Take(200))
        {
            runs.Add(piece.Kind switch
            {
                < 0 => new TextRun { Text = piece.Text, Strikethrough = true, Color = TextColor.Attention },
                > 0 => new TextRun { Text = piece.Text, Highlight = true, Color = TextColor.Good },
                _ => new TextRun { Text = piece.Text, IsSubtle = true },
            });
        }

        return runs;
    }

    /// <summary>At most <paramref name="max"/> characters, never splitting a surrogate pair.</summary>
    public static string Shorten(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - 1;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), "…");
    }
}
