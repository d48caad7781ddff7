using System.Text.Json;

namespace SocialBot.Testing;

/// <summary>
/// Validates Adaptive Card JSON against the OFFICIAL Adaptive Card 1.5 schema (<c>shared/schemas/adaptive-card-1.5.json</c>)
/// with <c>shared/schemas/validate-card.mjs</c>. Cards with a top-level Teams <c>msteams</c> object (which the official
/// schema rejects) are validated in a second run with <c>--allow-msteams</c>; every other card must pass the schema as is.
/// Missing node or node packages fail with the command to run; nothing is skipped.
/// </summary>
public static class CardSchemaValidator
{
    /// <summary>Validates all <paramref name="cards"/> (one node run, two when some cards carry <c>msteams</c>).</summary>
    /// <param name="cards">Named card JSON documents.</param>
    public static SchemaValidationResult Validate(IEnumerable<SchemaDocument> cards)
    {
        NodeScript.RequireModules("ajv", "ajv-formats");
        var script = Path.Combine(RepositoryLayout.SchemasDir, "validate-card.mjs");
        var all = cards.ToArray();
        var withTeams = all.Where(HasTeamsProperties).ToArray();
        var plain = all.Except(withTeams).ToArray();
        return SchemaValidationResult.Combine(
        [
            SchemaBatch.Validate(script, [], plain),
            SchemaBatch.Validate(script, ["--allow-msteams"], withTeams),
        ]);
    }

    /// <summary>Validates one card.</summary>
    /// <param name="name">Shown in failure messages.</param>
    /// <param name="json">Card JSON.</param>
    public static SchemaValidationResult Validate(string name, string json) => Validate([new SchemaDocument(name, json)]);

    private static bool HasTeamsProperties(SchemaDocument card)
    {
        try
        {
            using var document = JsonDocument.Parse(card.Json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("msteams", out _);
        }
        catch (JsonException)
        {
            return false; // the validator reports unparsable JSON itself
        }
    }
}
