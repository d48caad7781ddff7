namespace SocialBot.Testing;

/// <summary>
/// Validates Teams app manifests against the OFFICIAL manifest schema (<c>shared/schemas/teams-manifest-1.29.json</c>,
/// JSON Schema draft-04) with <c>tests/e2e/validate-manifest.mjs</c> (ajv-draft-04 + ajv-formats).
/// </summary>
public static class ManifestSchemaValidator
{
    /// <summary>Validates all <paramref name="manifests"/> in one node run.</summary>
    /// <param name="manifests">Named manifest JSON documents.</param>
    public static SchemaValidationResult Validate(IEnumerable<SchemaDocument> manifests)
    {
        NodeScript.RequireModules("ajv", "ajv-draft-04", "ajv-formats");
        var schema = Path.Combine(RepositoryLayout.SchemasDir, "teams-manifest-1.29.json");
        if (!File.Exists(schema))
        {
            throw new InvalidOperationException($"The Teams manifest schema {schema} is missing (set {RepositoryLayout.SharedDirVariable} if shared/ lives elsewhere).");
        }

        var script = Path.Combine(RepositoryLayout.E2eDir, "validate-manifest.mjs");
        return SchemaBatch.Validate(script, ["--schema", schema], [.. manifests]);
    }

    /// <summary>Validates one manifest.</summary>
    /// <param name="name">Shown in failure messages.</param>
    /// <param name="json">Manifest JSON.</param>
    public static SchemaValidationResult Validate(string name, string json) => Validate([new SchemaDocument(name, json)]);
}
