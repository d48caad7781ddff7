using System.Text.Json.Serialization;

namespace SocialBot.Cards.AdaptiveCards;

/// <summary>
/// An element of a card body. Serialized with its Adaptive Card <c>"type"</c> (for example <c>"TextBlock"</c>,
/// <c>"Input.Text"</c>) so the wire JSON is exactly what the Adaptive Card 1.5 schema expects.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(TextBlock), "TextBlock")]
[JsonDerivedType(typeof(RichTextBlock), "RichTextBlock")]
[JsonDerivedType(typeof(FactSet), "FactSet")]
[JsonDerivedType(typeof(Container), "Container")]
[JsonDerivedType(typeof(ColumnSet), "ColumnSet")]
[JsonDerivedType(typeof(Image), "Image")]
[JsonDerivedType(typeof(ActionSet), "ActionSet")]
[JsonDerivedType(typeof(TextInput), "Input.Text")]
[JsonDerivedType(typeof(ChoiceSetInput), "Input.ChoiceSet")]
[JsonDerivedType(typeof(DateInput), "Input.Date")]
[JsonDerivedType(typeof(TimeInput), "Input.Time")]
[JsonDerivedType(typeof(ToggleInput), "Input.Toggle")]
[JsonDerivedType(typeof(NumberInput), "Input.Number")]
public abstract record CardElement
{
    /// <summary>Element id, used by <see cref="ToggleVisibilityAction"/> and, for inputs, as the key of the submitted value.</summary>
    public string? Id { get; init; }

    /// <summary><c>false</c> hides the element until an <see cref="ToggleVisibilityAction"/> shows it.</summary>
    public bool? IsVisible { get; init; }

    /// <summary>Space above the element.</summary>
    public Spacing? Spacing { get; init; }

    /// <summary>Draws a separating line above the element.</summary>
    public bool? Separator { get; init; }
}

/// <summary>A block of text. Supports the Adaptive Card markdown subset; pass user text through <see cref="CardText.Plain"/>.</summary>
public sealed record TextBlock : CardElement
{
    /// <summary>The text (markdown subset).</summary>
    public required string Text { get; init; }

    /// <summary>Wrap long text instead of cutting it at one line. Usually wanted.</summary>
    public bool? Wrap { get; init; }

    /// <summary>Text size.</summary>
    public TextSize? Size { get; init; }

    /// <summary>Font weight.</summary>
    public TextWeight? Weight { get; init; }

    /// <summary>Semantic color.</summary>
    public TextColor? Color { get; init; }

    /// <summary>Tones the text down.</summary>
    public bool? IsSubtle { get; init; }

    /// <summary>Maximum number of lines shown when wrapping.</summary>
    public int? MaxLines { get; init; }

    /// <summary>Horizontal alignment.</summary>
    public HorizontalAlignment? HorizontalAlignment { get; init; }

    /// <summary>Heading or default style.</summary>
    public TextBlockStyle? Style { get; init; }
}

/// <summary>A paragraph made of differently formatted <see cref="TextRun"/>s. Runs never interpret markdown.</summary>
public sealed record RichTextBlock : CardElement
{
    /// <summary>The runs, in reading order.</summary>
    public required IReadOnlyList<TextRun> Inlines { get; init; }

    /// <summary>Horizontal alignment.</summary>
    public HorizontalAlignment? HorizontalAlignment { get; init; }
}

/// <summary>A run of text inside a <see cref="RichTextBlock"/>. Markdown is not interpreted, so user text is shown literally.</summary>
public sealed record TextRun
{
    /// <summary>Always <c>"TextRun"</c>; the schema requires the type on inline objects.</summary>
    [JsonPropertyOrder(-1)]
    public string Type => "TextRun";

    /// <summary>The text, shown literally.</summary>
    public required string Text { get; init; }

    /// <summary>Font weight.</summary>
    public TextWeight? Weight { get; init; }

    /// <summary>Italic text.</summary>
    public bool? Italic { get; init; }

    /// <summary>Highlighted text.</summary>
    public bool? Highlight { get; init; }

    /// <summary>Struck-through text.</summary>
    public bool? Strikethrough { get; init; }

    /// <summary>Semantic color.</summary>
    public TextColor? Color { get; init; }

    /// <summary>Tones the text down.</summary>
    public bool? IsSubtle { get; init; }

    /// <summary>Text size.</summary>
    public TextSize? Size { get; init; }

    /// <summary>Makes the run a link.</summary>
    public SelectAction? SelectAction { get; init; }
}

/// <summary>A list of title/value pairs.</summary>
public sealed record FactSet : CardElement
{
    /// <summary>The facts, in order.</summary>
    public required IReadOnlyList<Fact> Facts { get; init; }
}

/// <summary>One title/value pair of a <see cref="FactSet"/>. Both support the markdown subset.</summary>
/// <param name="Title">The label.</param>
/// <param name="Value">The value.</param>
public sealed record Fact(string Title, string Value);

/// <summary>Groups elements, optionally with a background style and a click action.</summary>
public sealed record Container : CardElement
{
    /// <summary>The grouped elements.</summary>
    public required IReadOnlyList<CardElement> Items { get; init; }

    /// <summary>Background style.</summary>
    public ContainerStyle? Style { get; init; }

    /// <summary>Action run when the container is clicked.</summary>
    public SelectAction? SelectAction { get; init; }
}

/// <summary>Lays <see cref="Column"/>s side by side.</summary>
public sealed record ColumnSet : CardElement
{
    /// <summary>The columns, left to right.</summary>
    public required IReadOnlyList<Column> Columns { get; init; }

    /// <summary>Background style.</summary>
    public ContainerStyle? Style { get; init; }

    /// <summary>Action run when the column set is clicked.</summary>
    public SelectAction? SelectAction { get; init; }
}

/// <summary>One column of a <see cref="ColumnSet"/>.</summary>
public sealed record Column
{
    /// <summary>Always <c>"Column"</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Type => "Column";

    /// <summary>Column id, for <see cref="ToggleVisibilityAction"/>.</summary>
    public string? Id { get; init; }

    /// <summary><c>false</c> hides the column until toggled.</summary>
    public bool? IsVisible { get; init; }

    /// <summary>The column's elements.</summary>
    public IReadOnlyList<CardElement> Items { get; init; } = [];

    /// <summary>Column width: <see cref="ColumnWidth.Auto"/>, <see cref="ColumnWidth.Stretch"/> or a weight.</summary>
    public ColumnWidth? Width { get; init; }

    /// <summary>Background style.</summary>
    public ContainerStyle? Style { get; init; }

    /// <summary>Space left of the column.</summary>
    public Spacing? Spacing { get; init; }

    /// <summary>Draws a separating line left of the column.</summary>
    public bool? Separator { get; init; }

    /// <summary>Action run when the column is clicked.</summary>
    public SelectAction? SelectAction { get; init; }
}

/// <summary>An image loaded by the client from an absolute http(s) URL (Teams: at most 1024×1024 and 1 MB).</summary>
public sealed record Image : CardElement
{
    private readonly Uri url = null!;

    /// <summary>Absolute http(s) URL of the image.</summary>
    /// <exception cref="ArgumentException">The URL is relative or not http(s).</exception>
    [JsonConverter(typeof(EscapedUriConverter))]
    public required Uri Url
    {
        get => url;
        init => url = AbsoluteUrl.Require(value, nameof(Url));
    }

    /// <summary>Text for screen readers; always set it.</summary>
    public string? AltText { get; init; }

    /// <summary>Approximate size.</summary>
    public ImageSize? Size { get; init; }

    /// <summary>Horizontal alignment.</summary>
    public HorizontalAlignment? HorizontalAlignment { get; init; }
}

/// <summary>Shows buttons inside the body (needed for actions between inputs or inside containers).</summary>
public sealed record ActionSet : CardElement
{
    /// <summary>The buttons.</summary>
    public required IReadOnlyList<CardAction> Actions { get; init; }
}
