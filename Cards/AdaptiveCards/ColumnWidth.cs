using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SocialBot.Cards.AdaptiveCards;

/// <summary>Width of a <see cref="Column"/>: <c>"auto"</c>, <c>"stretch"</c>, a relative weight or pixels.</summary>
[JsonConverter(typeof(ColumnWidthConverter))]
public sealed record ColumnWidth
{
    private ColumnWidth(string? keyword, int? weight, int? pixels)
    {
        Keyword = keyword;
        Weight = weight;
        Pixels = pixels;
    }

    /// <summary>As wide as the content needs.</summary>
    public static ColumnWidth Auto { get; } = new("auto", null, null);

    /// <summary>Takes the remaining width (shared with other stretch columns).</summary>
    public static ColumnWidth Stretch { get; } = new("stretch", null, null);

    internal string? Keyword { get; }

    internal int? Weight { get; }

    internal int? Pixels { get; }

    /// <summary>A relative weight: a column of weight 2 is twice as wide as one of weight 1.</summary>
    /// <param name="weight">Positive weight.</param>
    public static ColumnWidth Weighted(int weight) =>
        new(null, weight > 0 ? weight : throw new ArgumentOutOfRangeException(nameof(weight), "The weight must be positive."), null);

    /// <summary>A fixed width in pixels.</summary>
    /// <param name="pixels">Positive width.</param>
    public static ColumnWidth Fixed(int pixels) =>
        new(null, null, pixels > 0 ? pixels : throw new ArgumentOutOfRangeException(nameof(pixels), "The width must be positive."));
}

internal sealed class ColumnWidthConverter : JsonConverter<ColumnWidth>
{
    public override ColumnWidth Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return ColumnWidth.Weighted(reader.GetInt32());
        }

        var text = reader.GetString() ?? "";
        return text switch
        {
            "auto" => ColumnWidth.Auto,
            "stretch" => ColumnWidth.Stretch,
            _ when text.EndsWith("px", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(0, text.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var px) => ColumnWidth.Fixed(px),
            _ => throw new JsonException($"Unknown column width \"{text}\"."),
        };
    }

    public override void Write(Utf8JsonWriter writer, ColumnWidth value, JsonSerializerOptions options)
    {
        if (value.Weight is { } weight)
        {
            writer.WriteNumberValue(weight);
        }
        else if (value.Pixels is { } pixels)
        {
            writer.WriteStringValue(pixels.ToString(CultureInfo.InvariantCulture) + "px");
        }
        else
        {
            writer.WriteStringValue(value.Keyword);
        }
    }
}
