using System.Text.Json.Serialization;

namespace SocialBot.Cards.AdaptiveCards;

/// <summary>
/// An input. Its <see cref="Id"/> is the key under which <see cref="ExecuteAction"/> sends the value
/// (merged into the action's data in the <c>adaptiveCard/action</c> invoke).
/// </summary>
public abstract record CardInput : CardElement
{
    /// <summary>Key of the submitted value; required for inputs.</summary>
    public new required string Id { get; init; }

    /// <summary>Visible label (also read by screen readers). Prefer it over placeholder-only inputs.</summary>
    public string? Label { get; init; }

    /// <summary>The client refuses to send the action until the input has a value.</summary>
    public bool? IsRequired { get; init; }

    /// <summary>Shown when the value is missing or invalid.</summary>
    public string? ErrorMessage { get; init; }
}

/// <summary>A text field.</summary>
public sealed record TextInput : CardInput
{
    /// <summary>Hint shown while empty.</summary>
    public string? Placeholder { get; init; }

    /// <summary>Initial value.</summary>
    public string? Value { get; init; }

    /// <summary>Allows several lines.</summary>
    public bool? IsMultiline { get; init; }

    /// <summary>Maximum number of characters the client accepts.</summary>
    public int? MaxLength { get; init; }

    /// <summary>ECMAScript regular expression the value must match (client-side only; validate again on the server).</summary>
    public string? Regex { get; init; }
}

/// <summary>A choice among fixed options: drop-down, radio buttons or check boxes.</summary>
public sealed record ChoiceSetInput : CardInput
{
    /// <summary>The options.</summary>
    public required IReadOnlyList<Choice> Choices { get; init; }

    /// <summary>Allows several choices; the submitted value is then comma-separated.</summary>
    public bool? IsMultiSelect { get; init; }

    /// <summary>Drop-down or expanded.</summary>
    public ChoiceSetStyle? Style { get; init; }

    /// <summary>Initially selected value(s), comma-separated for multi-select.</summary>
    public string? Value { get; init; }

    /// <summary>Hint shown while nothing is selected (compact style).</summary>
    public string? Placeholder { get; init; }

    /// <summary>Wraps long choice titles.</summary>
    public bool? Wrap { get; init; }
}

/// <summary>One option of a <see cref="ChoiceSetInput"/>.</summary>
/// <param name="Title">Shown to the user.</param>
/// <param name="Value">Submitted when chosen.</param>
public sealed record Choice(string Title, string Value);

/// <summary>A date picker; values are <c>yyyy-MM-dd</c>.</summary>
public sealed record DateInput : CardInput
{
    /// <summary>Initial value.</summary>
    public DateOnly? Value { get; init; }

    /// <summary>Earliest selectable date.</summary>
    public DateOnly? Min { get; init; }

    /// <summary>Latest selectable date.</summary>
    public DateOnly? Max { get; init; }

    /// <summary>Hint shown while empty.</summary>
    public string? Placeholder { get; init; }
}

/// <summary>A time picker; values are <c>HH:mm</c>.</summary>
public sealed record TimeInput : CardInput
{
    /// <summary>Initial value.</summary>
    [JsonConverter(typeof(HourMinuteConverter))]
    public TimeOnly? Value { get; init; }

    /// <summary>Earliest selectable time.</summary>
    [JsonConverter(typeof(HourMinuteConverter))]
    public TimeOnly? Min { get; init; }

    /// <summary>Latest selectable time.</summary>
    [JsonConverter(typeof(HourMinuteConverter))]
    public TimeOnly? Max { get; init; }

    /// <summary>Hint shown while empty.</summary>
    public string? Placeholder { get; init; }
}

/// <summary>A check box. The submitted value is <see cref="ValueOn"/> or <see cref="ValueOff"/> (default <c>"true"</c>/<c>"false"</c>).</summary>
public sealed record ToggleInput : CardInput
{
    /// <summary>Text next to the check box.</summary>
    public required string Title { get; init; }

    /// <summary>Initial value: <c>"true"</c>/<c>"false"</c> or whatever <see cref="ValueOn"/>/<see cref="ValueOff"/> say.</summary>
    public string? Value { get; init; }

    /// <summary>Value submitted when checked.</summary>
    public string? ValueOn { get; init; }

    /// <summary>Value submitted when unchecked.</summary>
    public string? ValueOff { get; init; }

    /// <summary>Wraps a long title.</summary>
    public bool? Wrap { get; init; }

    /// <summary>The default wire value for a state: <c>"true"</c> or <c>"false"</c>.</summary>
    /// <param name="isOn">Initial state.</param>
    public static string ValueOf(bool isOn) => isOn ? "true" : "false";
}

/// <summary>A number field.</summary>
public sealed record NumberInput : CardInput
{
    /// <summary>Initial value.</summary>
    public double? Value { get; init; }

    /// <summary>Smallest allowed value.</summary>
    public double? Min { get; init; }

    /// <summary>Largest allowed value.</summary>
    public double? Max { get; init; }

    /// <summary>Hint shown while empty.</summary>
    public string? Placeholder { get; init; }
}
