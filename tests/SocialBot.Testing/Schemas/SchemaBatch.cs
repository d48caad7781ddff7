namespace SocialBot.Testing;

/// <summary>
/// Writes a batch of documents to a temp folder and validates them with one node run of a validator that prints
/// <c>ok   &lt;file&gt;</c> or <c>FAIL &lt;file&gt;</c> followed by indented messages (validate-card.mjs and validate-manifest.mjs).
/// </summary>
internal static class SchemaBatch
{
    public static SchemaValidationResult Validate(string script, IReadOnlyList<string> options, IReadOnlyList<SchemaDocument> documents)
    {
        if (documents.Count == 0)
        {
            return new SchemaValidationResult([], []);
        }

        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Validator script {script} is missing (set {RepositoryLayout.SharedDirVariable} if shared/ lives elsewhere).");
        }

        var folder = Directory.CreateTempSubdirectory("socialbot-schema-");
        try
        {
            var nameByFile = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < documents.Count; i++)
            {
                var file = Path.Combine(folder.FullName, $"{i:D4}.json");
                File.WriteAllText(file, documents[i].Json);
                nameByFile[file] = documents[i].Name;
            }

            var run = NodeScript.Run(script, [.. options, .. nameByFile.Keys]);
            if (run.ExitCode is not (0 or 1))
            {
                throw new InvalidOperationException(
                    $"{Path.GetFileName(script)} could not run (exit {run.ExitCode}). Did you run `npm ci --prefix tests/e2e`?\n{run.StandardError}{run.StandardOutput}");
            }

            var result = Parse(run.StandardOutput, nameByFile);
            var reported = result.Passed.Count + result.Failures.Count;
            if (reported != documents.Count || (run.ExitCode == 0) != result.IsValid)
            {
                throw new InvalidOperationException(
                    $"{Path.GetFileName(script)} reported {reported} of {documents.Count} documents (exit {run.ExitCode}); its output:\n{run.StandardOutput}\n{run.StandardError}");
            }

            return result;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static SchemaValidationResult Parse(string output, IReadOnlyDictionary<string, string> nameByFile)
    {
        var passed = new List<string>();
        var failures = new List<SchemaFailure>();
        List<string>? currentErrors = null;
        foreach (var line in output.Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (trimmed.StartsWith("ok   ", StringComparison.Ordinal) && nameByFile.TryGetValue(trimmed[5..], out var okName))
            {
                passed.Add(okName);
                currentErrors = null;
            }
            else if (trimmed.StartsWith("FAIL ", StringComparison.Ordinal) && nameByFile.TryGetValue(trimmed[5..], out var failName))
            {
                currentErrors = [];
                failures.Add(new SchemaFailure(failName, currentErrors));
            }
            else if (currentErrors is not null && trimmed.StartsWith("  ", StringComparison.Ordinal))
            {
                currentErrors.Add(trimmed.Trim());
            }
        }

        return new SchemaValidationResult(passed, failures);
    }
}
