using System.Text.Json.Serialization;

namespace SocialBot.Bot.Features.Mentions.Spikes;

/// <summary>A spike that was announced, kept so its card can be rebuilt when someone freezes or releases posts.</summary>
internal sealed record SpikeAlert(
    string TenantId,
    string RuleId,
    string Query,
    string ConversationId,
    long Volume,
    double Usual,
    IReadOnlyList<long> LastDay,
    IReadOnlyList<string> TopTerms,
    IReadOnlyList<string> SampleKeys,
    DateTimeOffset At,
    SpikeFreeze? Freeze = null);

/// <summary>Who froze how many posts from this spike's card, and when.</summary>
internal sealed record SpikeFreeze(int Posts, string? By, DateTimeOffset At);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SpikeAlert))]
internal sealed partial class SpikesJsonContext : JsonSerializerContext;
