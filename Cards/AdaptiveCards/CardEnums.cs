using System.Text.Json.Serialization;

namespace SocialBot.Cards.AdaptiveCards;

/// <summary>Text size of a <see cref="TextBlock"/> or <see cref="TextRun"/>.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<TextSize>))]
public enum TextSize
{
    /// <summary>The host's default size.</summary>
    Default,
    /// <summary>Small text.</summary>
    Small,
    /// <summary>Medium text.</summary>
    Medium,
    /// <summary>Large text.</summary>
    Large,
    /// <summary>Extra large text.</summary>
    ExtraLarge,
}

/// <summary>Font weight of a <see cref="TextBlock"/> or <see cref="TextRun"/>.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<TextWeight>))]
public enum TextWeight
{
    /// <summary>The host's default weight.</summary>
    Default,
    /// <summary>Lighter than default.</summary>
    Lighter,
    /// <summary>Bold.</summary>
    Bolder,
}

/// <summary>Semantic text color chosen by the host theme.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<TextColor>))]
public enum TextColor
{
    /// <summary>The host's default color.</summary>
    Default,
    /// <summary>Dark text.</summary>
    Dark,
    /// <summary>Light text.</summary>
    Light,
    /// <summary>The theme's accent color.</summary>
    Accent,
    /// <summary>Success (usually green).</summary>
    Good,
    /// <summary>Warning (usually amber).</summary>
    Warning,
    /// <summary>Error or danger (usually red).</summary>
    Attention,
}

/// <summary>Space above an element.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<Spacing>))]
public enum Spacing
{
    /// <summary>The host's default spacing.</summary>
    Default,
    /// <summary>No spacing.</summary>
    None,
    /// <summary>Small spacing.</summary>
    Small,
    /// <summary>Medium spacing.</summary>
    Medium,
    /// <summary>Large spacing.</summary>
    Large,
    /// <summary>Extra large spacing.</summary>
    ExtraLarge,
    /// <summary>Spacing equal to the container padding.</summary>
    Padding,
}

/// <summary>Background style of a <see cref="Container"/> or <see cref="Column"/>.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<ContainerStyle>))]
public enum ContainerStyle
{
    /// <summary>No background.</summary>
    Default,
    /// <summary>Subtle emphasis background.</summary>
    Emphasis,
    /// <summary>Success background.</summary>
    Good,
    /// <summary>Error or danger background.</summary>
    Attention,
    /// <summary>Warning background.</summary>
    Warning,
    /// <summary>Accent background.</summary>
    Accent,
}

/// <summary>Horizontal alignment of content.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<HorizontalAlignment>))]
public enum HorizontalAlignment
{
    /// <summary>Left (start) aligned.</summary>
    Left,
    /// <summary>Centered.</summary>
    Center,
    /// <summary>Right (end) aligned.</summary>
    Right,
}

/// <summary>Approximate display size of an <see cref="Image"/>.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<ImageSize>))]
public enum ImageSize
{
    /// <summary>Natural size, shrunk to fit.</summary>
    Auto,
    /// <summary>Stretched to the available width.</summary>
    Stretch,
    /// <summary>Small.</summary>
    Small,
    /// <summary>Medium.</summary>
    Medium,
    /// <summary>Large.</summary>
    Large,
}

/// <summary>Visual emphasis of an action button.</summary>
/// <remarks>Teams currently renders every style like <see cref="Default"/>; the value still helps other hosts and screen readers.</remarks>
[JsonConverter(typeof(CamelCaseEnumConverter<ActionStyle>))]
public enum ActionStyle
{
    /// <summary>Normal button.</summary>
    Default,
    /// <summary>The affirmative choice (approve, save).</summary>
    Positive,
    /// <summary>The destructive choice (reject, delete).</summary>
    Destructive,
}

/// <summary>Which inputs an <see cref="ExecuteAction"/> sends with its data.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<AssociatedInputs>))]
public enum AssociatedInputs
{
    /// <summary>Validate and send the card's inputs (the default).</summary>
    Auto,
    /// <summary>Send no inputs and skip input validation (Cancel, Withdraw).</summary>
    None,
}

/// <summary>Presentation of an <see cref="ChoiceSetInput"/>.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<ChoiceSetStyle>))]
public enum ChoiceSetStyle
{
    /// <summary>A drop-down list.</summary>
    Compact,
    /// <summary>Radio buttons or check boxes.</summary>
    Expanded,
}

/// <summary>Style of a <see cref="TextBlock"/>.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<TextBlockStyle>))]
public enum TextBlockStyle
{
    /// <summary>Ordinary text.</summary>
    Default,
    /// <summary>A heading (announced as such by screen readers).</summary>
    Heading,
}

/// <summary>Width of a card in Teams (<c>msteams.width</c>).</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<TeamsCardWidth>))]
public enum TeamsCardWidth
{
    /// <summary>Use the full width of the message pane.</summary>
    [JsonStringEnumMemberName("Full")]
    Full,
}
