using System.Text.Json.Serialization;
using SocialBot.Bot.Features.Mentions.Matching;
using SocialBot.Bot.Features.Mentions.Scoring;
using SocialBot.Bot.Features.Trends;
using SocialBot.Bot.Ingestion;

namespace SocialBot.Bot.Features.Mentions;

/// <summary>One <c>track</c> rule. <see cref="Number"/> is what <c>tracking</c> shows and <c>untrack</c> takes.</summary>
internal sealed record TrackedRule(string RuleId, int Number, string ConversationId, string Query, RulePriority Priority, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>All rules of a tenant, in one document so a compare-and-set covers numbering and the list.</summary>
internal sealed record RuleBook(IReadOnlyList<TrackedRule> Rules, int NextNumber)
{
    public static RuleBook Empty { get; } = new([], 1);
}

/// <summary>A person acting on a mention.</summary>
internal sealed record MentionActor(string Id, string? Name);

/// <summary>A processed mention as stored for 30 days, with its verdict and what the team did with it.</summary>
internal sealed record StoredMention(
    IncomingMention Mention,
    MentionPriority Priority,
    MentionTone Tone,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> RuleIds,
    IReadOnlyList<string> Conversations,
    MentionActor? AssignedTo = null,
    MentionActor? HandledBy = null,
    DateTimeOffset? HandledAt = null)
{
    [JsonIgnore]
    public string Key => MentionQueue.MentionDigest(Mention);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(RuleBook))]
[JsonSerializable(typeof(StoredMention))]
internal sealed partial class MentionsJsonContext : JsonSerializerContext;
