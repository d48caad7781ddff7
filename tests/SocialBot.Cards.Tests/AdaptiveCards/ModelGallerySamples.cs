using System.Text.Json.Nodes;
using SocialBot.Cards.AdaptiveCards;
using SocialBot.Testing;

namespace SocialBot.Cards.Tests.AdaptiveCards;

/// <summary>Cards built straight from the model: every element and action type, each property, hostile text everywhere.</summary>
internal static class ModelGallerySamples
{
    public static IReadOnlyList<GalleryCard> Cards { get; } =
    [
        new("model/every-element", EveryElement("Quarterly launch post")),
        .. HostileText.All.Select((text, i) => new GalleryCard($"model/every-element-hostile-{i}", EveryElement(text))),
        new("model/every-element-plain-escaped", EveryElement(CardText.Plain(HostileText.Everything))),
        new("model/refresh-and-mentions", RefreshAndMentions(HostileText.Everything)),
        new("model/inputs", Inputs(HostileText.Everything)),
        new("model/empty", new AdaptiveCard()),
    ];

    private static AdaptiveCard EveryElement(string text)
    {
        var data = new JsonObject { ["draftId"] = "P-42", ["note"] = text, ["nested"] = new JsonObject { ["n"] = 1, ["list"] = new JsonArray("a", text) } };
        var execute = new ExecuteAction { Title = text, Verb = "drafts.open", Data = data, Id = "open", Style = ActionStyle.Positive, Tooltip = text };
        return new AdaptiveCard
        {
            FallbackText = text,
            Speak = text,
            Body =
            [
                new TextBlock
                {
                    Text = text, Wrap = true, Size = TextSize.ExtraLarge, Weight = TextWeight.Bolder, Color = TextColor.Attention,
                    IsSubtle = true, Spacing = Spacing.Padding, Separator = true, MaxLines = 3, HorizontalAlignment = HorizontalAlignment.Right,
                    Id = "title", IsVisible = true, Style = TextBlockStyle.Heading,
                },
                new RichTextBlock
                {
                    Inlines =
                    [
                        new TextRun { Text = text, Weight = TextWeight.Bolder, Italic = true, Highlight = true, Color = TextColor.Good },
                        new TextRun { Text = " link ", Strikethrough = true, IsSubtle = true, Size = TextSize.Small, SelectAction = new OpenUrlAction { Url = new Uri("https://example.com/a b/ü?q=\"x\"") } },
                    ],
                    HorizontalAlignment = HorizontalAlignment.Center,
                },
                new FactSet { Facts = [new Fact("Author", text), new Fact(text, "X 213/280")], Id = "facts", IsVisible = false },
                new Container
                {
                    Id = "details", Style = ContainerStyle.Emphasis, Spacing = Spacing.Large, Separator = true, IsVisible = false,
                    SelectAction = execute,
                    Items = [new TextBlock { Text = Sparkline.FromCounts([0, 1, 3, 7, 2, 0]) }],
                },
                new ColumnSet
                {
                    Style = ContainerStyle.Accent,
                    SelectAction = new ToggleVisibilityAction { TargetElements = [new TargetElement("details")] },
                    Columns =
                    [
                        new Column { Width = ColumnWidth.Auto, Items = [new Image { Url = new Uri("https://example.com/avatar.png"), AltText = text, Size = ImageSize.Small }] },
                        new Column { Width = ColumnWidth.Stretch, Items = [new TextBlock { Text = text, Wrap = true }], Style = ContainerStyle.Good, Spacing = Spacing.Small, Separator = true },
                        new Column { Width = ColumnWidth.Weighted(2), Id = "weighted", IsVisible = true, SelectAction = new OpenUrlAction { Url = new Uri("https://例え.jp/パス") } },
                        new Column { Width = ColumnWidth.Fixed(50) },
                    ],
                },
                new Image { Url = new Uri("https://example.com/i.png?text=" + Uri.EscapeDataString(text[..Math.Min(text.Length, 200)])), AltText = text, Size = ImageSize.Stretch, HorizontalAlignment = HorizontalAlignment.Left },
                new ActionSet
                {
                    Actions =
                    [
                        execute,
                        new ExecuteAction { Title = "Withdraw", Verb = "drafts.withdraw", AssociatedInputs = AssociatedInputs.None, Style = ActionStyle.Destructive },
                        new ToggleVisibilityAction { Title = "Details", TargetElements = [new TargetElement("details"), new TargetElement("facts", true)] },
                    ],
                },
            ],
            Actions =
            [
                execute,
                new OpenUrlAction { Title = text, Url = new Uri("https://example.com/post?id=P-42") },
                new ShowCardAction
                {
                    Title = "Request changes",
                    Card = new AdaptiveCard
                    {
                        Body = [new TextInput { Id = "comment", Label = text, IsMultiline = true, IsRequired = true, ErrorMessage = text }],
                        Actions = [new ExecuteAction { Title = "Send", Verb = "approvals.requestChanges", Data = new JsonObject { ["draftId"] = text } }],
                    },
                },
                new ToggleVisibilityAction { Title = "Show", TargetElements = [new TargetElement("details", false)] },
            ],
        };
    }

    private static AdaptiveCard RefreshAndMentions(string text)
    {
        var mention = Mention.Of("29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB", "Megan <Bowen> " + text[..40]);
        return new AdaptiveCard
        {
            Refresh = new Refresh
            {
                Action = new ExecuteAction { Title = "Refresh", Verb = "approvals.view", Data = new JsonObject { ["draftId"] = "P-42", ["v"] = 3 } },
                UserIds = [.. Enumerable.Range(0, Refresh.MaxUserIds).Select(i => $"29:user-{i}")],
            },
            MsTeams = new TeamsCardProperties { Width = TeamsCardWidth.Full, Entities = [mention] },
            Body = [new TextBlock { Text = $"Waiting for {mention.Text}: {CardText.Plain(text)}", Wrap = true }],
        };
    }

    private static AdaptiveCard Inputs(string text) => new()
    {
        Body =
        [
            new TextInput { Id = "text", Label = text, Placeholder = text, Value = text, IsMultiline = true, MaxLength = 5000, IsRequired = true, ErrorMessage = text, Regex = "^[^<>]*$", Spacing = Spacing.Medium, Separator = false },
            new ChoiceSetInput
            {
                Id = "networks", Label = "Networks", IsMultiSelect = true, Style = ChoiceSetStyle.Expanded, Value = "x,linkedin", IsRequired = true, ErrorMessage = "Pick a network", Wrap = true,
                Choices = [new Choice("X", "x"), new Choice("LinkedIn", "linkedin"), new Choice(text, text)],
            },
            new ChoiceSetInput { Id = "campaign", Style = ChoiceSetStyle.Compact, Placeholder = text, Choices = [new Choice(text, "c1")] },
            new DateInput { Id = "publishDate", Label = "Date", Value = new DateOnly(2025, 3, 30), Min = new DateOnly(2025, 1, 1), Max = new DateOnly(2026, 12, 31), Placeholder = text },
            new TimeInput { Id = "publishTime", Label = "Time", Value = new TimeOnly(9, 30), Min = new TimeOnly(0, 0), Max = new TimeOnly(23, 59), Placeholder = text },
            new ToggleInput { Id = "urgent", Title = text, Value = ToggleInput.ValueOf(true), ValueOn = "true", ValueOff = "false", Wrap = true, Label = "Urgent" },
            new NumberInput { Id = "hashtagCap", Label = "Hashtag cap", Value = 5, Min = 0, Max = 30, Placeholder = text, IsVisible = false },
        ],
        Actions =
        [
            new ExecuteAction { Title = "Check", Verb = "drafts.check", AssociatedInputs = AssociatedInputs.Auto },
            new ExecuteAction { Title = "Save draft", Verb = "drafts.save", Data = new JsonObject { ["text"] = text } },
        ],
    };
}
