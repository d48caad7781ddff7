using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;

namespace SocialBot.Cards.AdaptiveCards;

/// <summary>Turns an <see cref="AdaptiveCard"/> into wire JSON (camelCase, no nulls, Adaptive Card type discriminators).</summary>
public static class AdaptiveCardSerializer
{
    private static readonly AdaptiveCardJsonContext Context = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowOutOfOrderMetadataProperties = true,
        // Teams limits a message to 100 KB counted as UTF-16; the default encoder would turn every non-ASCII letter
        // (Arabic, CJK, accents) into a 6-character \uXXXX escape. HTML-sensitive characters stay escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    });

    /// <summary>Metadata for embedding a card in another source-generated payload.</summary>
    public static JsonTypeInfo<AdaptiveCard> TypeInfo => Context.AdaptiveCard;

    /// <summary>The card as a JSON string.</summary>
    /// <param name="card">The card.</param>
    public static string Serialize(AdaptiveCard card) => JsonSerializer.Serialize(card, Context.AdaptiveCard);

    /// <summary>The card as a <see cref="JsonElement"/>, for an attachment's <c>content</c>.</summary>
    /// <param name="card">The card.</param>
    public static JsonElement ToJsonElement(AdaptiveCard card) => JsonSerializer.SerializeToElement(card, Context.AdaptiveCard);

    /// <summary>The card as a mutable <see cref="JsonNode"/>.</summary>
    /// <param name="card">The card.</param>
    public static JsonObject ToJsonNode(AdaptiveCard card) =>
        JsonSerializer.SerializeToNode(card, Context.AdaptiveCard)?.AsObject() ?? throw new InvalidOperationException("A card serializes to an object.");

    /// <summary>Reads a card written by <see cref="Serialize"/> (used by tests and when a card comes back in an invoke).</summary>
    /// <param name="json">Card JSON.</param>
    /// <exception cref="JsonException">The JSON is not a card this model can represent.</exception>
    public static AdaptiveCard Deserialize(string json) =>
        JsonSerializer.Deserialize(json, Context.AdaptiveCard) ?? throw new JsonException("The JSON is null, not a card.");
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(AdaptiveCard))]
[JsonSerializable(typeof(CardAction))]
internal sealed partial class AdaptiveCardJsonContext : JsonSerializerContext;
