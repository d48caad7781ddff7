using System.Text.Json.Nodes;
using SocialBot.Cards.AdaptiveCards;

namespace SocialBot.Cards.Drafts;

/// <summary>What the author typed (or what is prefilled), field by field.</summary>
public sealed record DraftFormFields
{
    /// <summary>The post text.</summary>
    public string Text { get; init; } = string.Empty;

    /// <summary>Network wire names (<c>x</c>, <c>linkedin</c>, …).</summary>
    public IReadOnlyList<string> Networks { get; init; } = [];

    /// <summary>Link attached to the post.</summary>
    public string? Link { get; init; }

    /// <summary>Image URLs with alt text; the form has two slots.</summary>
    public IReadOnlyList<(string? Url, string? AltText)> Images { get; init; } = [];

    /// <summary>Local publish date.</summary>
    public DateOnly? PublishDate { get; init; }

    /// <summary>Local publish time.</summary>
    public TimeOnly? PublishTime { get; init; }

    /// <summary>Campaign name.</summary>
    public string? Campaign { get; init; }

    /// <summary>Notes to the reviewer.</summary>
    public string? Notes { get; init; }

    /// <summary>Urgent lane.</summary>
    public bool Urgent { get; init; }

    /// <summary>Sponsored post (needs a disclosure tag).</summary>
    public bool Sponsored { get; init; }
}

/// <summary>The draft form.</summary>
/// <param name="Title">"New post" or "Edit P-42".</param>
/// <param name="Fields">Values to show.</param>
/// <param name="NetworkChoices">All networks (title, wire name).</param>
/// <param name="TimeZone">The zone publish times are read in, e.g. "Europe/Berlin".</param>
/// <param name="FieldErrors">Input id → what is wrong with it.</param>
/// <param name="Counters">"X 213/280", "Bluesky 312/300 — 12 over".</param>
/// <param name="Errors">Rule errors (block submission).</param>
/// <param name="Warnings">Rule warnings.</param>
/// <param name="Notice">A line at the top, e.g. "Looks good — ready to submit."</param>
/// <param name="ActionData">Sent back with every button (draft id, version).</param>
/// <param name="InDialog">In a Teams dialog (message action) the buttons are Action.Submit.</param>
public sealed record DraftFormModel(
    string Title,
    DraftFormFields Fields,
    IReadOnlyList<Choice> NetworkChoices,
    string TimeZone,
    IReadOnlyDictionary<string, string> FieldErrors,
    IReadOnlyList<string> Counters,
    IReadOnlyList<string> Errors,
    IReadOnlyList<string> Warnings,
    string? Notice,
    JsonObject ActionData,
    bool InDialog = false);

/// <summary>The draft form card, for chats (Action.Execute) and for the message action dialog (Action.Submit).</summary>
public static class DraftFormCard
{
    /// <summary>Validate and preview, no save.</summary>
    public const string CheckVerb = "drafts.check";

    /// <summary>Save without submitting.</summary>
    public const string SaveVerb = "drafts.save";

    /// <summary>Submit for approval.</summary>
    public const string SubmitVerb = "drafts.submit";

    /// <summary>In a dialog, which button was pressed (<c>check</c>, <c>save</c>, <c>submit</c>).</summary>
    public const string DialogActionField = "formAction";

    /// <summary>Input ids.</summary>
    public const string TextId = "text", NetworksId = "networks", LinkId = "link", Image1Id = "image1", Alt1Id = "alt1", Image2Id = "image2", Alt2Id = "alt2",
        DateId = "publishDate", TimeId = "publishTime", CampaignId = "campaign", NotesId = "notes", UrgentId = "urgent", SponsoredId = "sponsored";

    /// <summary>Longest text the form accepts (Facebook's limit).</summary>
    public const int MaxTextLength = 63_206;

    /// <summary>Builds the form.</summary>
    /// <param name="model">What to show.</param>
    public static AdaptiveCard Build(DraftFormModel model)
    {
        var fields = model.Fields;
        var body = new List<CardElement>
        {
            new TextBlock { Text = CardText.Plain(model.Title), Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true },
        };
        if (model.Notice is { Length: > 0 } notice)
        {
            body.Add(new TextBlock { Text = CardText.Plain(notice), Wrap = true, Color = model.Errors.Count > 0 || model.FieldErrors.Count > 0 ? TextColor.Attention : TextColor.Good });
        }

        body.Add(new TextInput { Id = TextId, Label = "Post text", IsMultiline = true, IsRequired = true, Value = fields.Text, MaxLength = MaxTextLength, Placeholder = "What should we post?", ErrorMessage = ErrorFor(model, TextId) ?? "Write the text of the post." });
        AddError(body, model, TextId);
        body.Add(new ChoiceSetInput { Id = NetworksId, Label = "Networks", IsMultiSelect = true, Style = ChoiceSetStyle.Expanded, Choices = model.NetworkChoices, Value = string.Join(',', fields.Networks) });
        AddError(body, model, NetworksId);
        if (model.Counters.Count > 0)
        {
            body.Add(new TextBlock { Text = CardText.Plain(string.Join(" · ", model.Counters)), Wrap = true, IsSubtle = true, Spacing = Spacing.None });
        }

        body.Add(new TextInput { Id = LinkId, Label = "Link", Value = fields.Link, Placeholder = "https://…" });
        AddError(body, model, LinkId);
        for (var slot = 0; slot < 2; slot++)
        {
            var image = slot < fields.Images.Count ? fields.Images[slot] : default;
            var (urlId, altId) = slot == 0 ? (Image1Id, Alt1Id) : (Image2Id, Alt2Id);
            body.Add(new ColumnSet
            {
                Columns =
                [
                    new Column { Width = ColumnWidth.Stretch, Items = [new TextInput { Id = urlId, Label = $"Image {slot + 1} URL", Value = image.Url, Placeholder = "https://…" }] },
                    new Column { Width = ColumnWidth.Stretch, Items = [new TextInput { Id = altId, Label = "Alt text", Value = image.AltText, Placeholder = "Describe the image" }] },
                ],
            });
            AddError(body, model, urlId);
        }

        body.Add(new ColumnSet
        {
            Columns =
            [
                new Column { Width = ColumnWidth.Stretch, Items = [new DateInput { Id = DateId, Label = $"Publish date ({CardText.Plain(model.TimeZone)})", Value = fields.PublishDate }] },
                new Column { Width = ColumnWidth.Stretch, Items = [new TimeInput { Id = TimeId, Label = "Time", Value = fields.PublishTime }] },
            ],
        });
        AddError(body, model, DateId);
        body.Add(new TextInput { Id = CampaignId, Label = "Campaign", Value = fields.Campaign });
        body.Add(new TextInput { Id = NotesId, Label = "Notes to the reviewer", IsMultiline = true, Value = fields.Notes });
        body.Add(new ToggleInput { Id = UrgentId, Title = "Urgent", Value = ToggleInput.ValueOf(fields.Urgent), ValueOn = "true", ValueOff = "false" });
        body.Add(new ToggleInput { Id = SponsoredId, Title = "Sponsored (needs #ad or #sponsored)", Value = ToggleInput.ValueOf(fields.Sponsored), ValueOn = "true", ValueOff = "false" });
        AddList(body, "Fix before submitting", model.Errors, TextColor.Attention);
        AddList(body, "Worth a look", model.Warnings, TextColor.Warning);

        return new AdaptiveCard
        {
            Body = body,
            Actions =
            [
                Button("Check", CheckVerb, "check", model),
                Button("Save draft", SaveVerb, "save", model),
                Button("Submit for approval", SubmitVerb, "submit", model) with { Style = ActionStyle.Positive },
            ],
            FallbackText = "A social post draft form. Open it in Teams to edit.",
        };
    }

    private static CardAction Button(string title, string verb, string dialogAction, DraftFormModel model)
    {
        var data = (JsonObject)model.ActionData.DeepClone();
        if (model.InDialog)
        {
            data[DialogActionField] = dialogAction;
            return new SubmitAction { Title = title, Data = data };
        }

        return new ExecuteAction { Title = title, Verb = verb, Data = data, AssociatedInputs = AssociatedInputs.Auto };
    }

    private static string? ErrorFor(DraftFormModel model, string id) => model.FieldErrors.TryGetValue(id, out var error) ? error : null;

    private static void AddError(List<CardElement> body, DraftFormModel model, string id)
    {
        if (ErrorFor(model, id) is { } error)
        {
            body.Add(new TextBlock { Text = CardText.Plain(error), Color = TextColor.Attention, Wrap = true, Size = TextSize.Small, Spacing = Spacing.None });
        }
    }

    private static void AddList(List<CardElement> body, string heading, IReadOnlyList<string> lines, TextColor color)
    {
        if (lines.Count == 0)
        {
            return;
        }

        body.Add(new TextBlock { Text = heading, Weight = TextWeight.Bolder, Color = color, Wrap = true, Spacing = Spacing.Medium });
        body.Add(new TextBlock { Text = string.Join("\n", lines.Select(l => "- " + CardText.Plain(l))), Wrap = true, Spacing = Spacing.None });
    }
}
