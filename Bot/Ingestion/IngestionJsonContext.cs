using System.Text.Json.Serialization;

namespace SocialBot.Bot.Ingestion;

internal sealed record IngestionAnswer(int Accepted, int Duplicates, IReadOnlyList<RejectedMention> Rejected);

internal sealed record RejectedMention(int Index, string Error);

/// <summary>A queue entry the worker gave up on, kept so an operator can replay it.</summary>
internal sealed record DeadLetter(string EntryId, string Reason, string Payload, DateTimeOffset At);

/// <summary>Queue payloads, stored mention documents and the endpoint's answers.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(IncomingMention))]
[JsonSerializable(typeof(IngestionAnswer))]
[JsonSerializable(typeof(DeadLetter))]
internal sealed partial class IngestionJsonContext : JsonSerializerContext;
