using System.Text.Json.Serialization;

namespace SocialBot.Bot.Features.Trends;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(TrendSample))]
[JsonSerializable(typeof(TrendCountedMarker))]
[JsonSerializable(typeof(TrendingTerm[]))]
internal sealed partial class TrendsJsonContext : JsonSerializerContext;

/// <summary>The document that marks a mention as counted, so a redelivered mention is not counted twice.</summary>
internal sealed record TrendCountedMarker(string MentionId);
