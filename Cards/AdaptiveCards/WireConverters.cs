using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace SocialBot.Cards.AdaptiveCards;

/// <summary>Writes enum members as camelCase strings, the spelling the Adaptive Card schema lists first.</summary>
internal sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;

/// <summary>
/// Writes absolute URIs in their escaped form: the schema checks <c>format: uri-reference</c>, which
/// rejects raw spaces and non-ASCII characters that <see cref="Uri.OriginalString"/> would keep.
/// </summary>
internal sealed class EscapedUriConverter : JsonConverter<Uri>
{
    public override Uri Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Uri.TryCreate(reader.GetString(), UriKind.RelativeOrAbsolute, out var uri)
            ? uri
            : throw new JsonException("Not a URI.");

    public override void Write(Utf8JsonWriter writer, Uri value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ToWire(value));

    internal static string ToWire(Uri value)
    {
        if (!value.IsAbsoluteUri)
        {
            throw new JsonException("Card URLs must be absolute.");
        }

        // AbsoluteUri keeps an internationalised host in Unicode; the schema wants ASCII, so use the IDN form.
        var builder = new UriBuilder(value) { Host = value.IdnHost };
        return builder.Uri.AbsoluteUri;
    }
}

/// <summary>Input.Time values are <c>HH:mm</c>; the default <see cref="TimeOnly"/> converter writes seconds too.</summary>
internal sealed class HourMinuteConverter : JsonConverter<TimeOnly>
{
    public override TimeOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TimeOnly.ParseExact(reader.GetString() ?? "", ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture);

    public override void Write(Utf8JsonWriter writer, TimeOnly value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("HH:mm", CultureInfo.InvariantCulture));
}

/// <summary>Serializes the refresh action with its <c>"type": "Action.Execute"</c> discriminator, which Teams needs.</summary>
internal sealed class ExecuteActionWithTypeConverter : JsonConverter<ExecuteAction>
{
    public override ExecuteAction? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize(ref reader, CardActionTypeInfo(options)) as ExecuteAction
            ?? throw new JsonException("The refresh action must be an Action.Execute.");

    public override void Write(Utf8JsonWriter writer, ExecuteAction value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, CardActionTypeInfo(options));

    private static JsonTypeInfo<CardAction> CardActionTypeInfo(JsonSerializerOptions options) =>
        (JsonTypeInfo<CardAction>)options.GetTypeInfo(typeof(CardAction));
}

/// <summary>Guards for URL properties: Teams opens and loads only absolute http(s) URLs.</summary>
internal static class AbsoluteUrl
{
    public static Uri Require(Uri value, string propertyName)
    {
        ArgumentNullException.ThrowIfNull(value, propertyName);
        if (!value.IsAbsoluteUri || (value.Scheme != Uri.UriSchemeHttps && value.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"{propertyName} must be an absolute http(s) URL.", propertyName);
        }

        return value;
    }
}
