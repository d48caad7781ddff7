using System.Text.Json.Serialization;

namespace SocialBot.Bot.Features.Drafts;

// Enums as names: the numeric values of DraftStatus and SocialNetwork are not stable.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(Draft))]
[JsonSerializable(typeof(DraftContent))]
[JsonSerializable(typeof(DraftHistoryEntry))]
internal sealed partial class DraftsJsonContext : JsonSerializerContext;
