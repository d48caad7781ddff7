using System.Text.Json.Serialization;

namespace SocialBot.Dialogs.Engine.Prompts;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PromptState))]
internal sealed partial class PromptJsonContext : JsonSerializerContext;
