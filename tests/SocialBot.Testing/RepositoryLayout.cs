namespace SocialBot.Testing;

/// <summary>Well-known folders of the checkout, found from the test binaries' location.</summary>
public static class RepositoryLayout
{
    /// <summary>Overrides where <c>shared/</c> (docs and official schemas) lives.</summary>
    public const string SharedDirVariable = "SOCIALBOT_SHARED_DIR";

    /// <summary>The folder that holds <c>SocialBot.sln</c>.</summary>
    public static string RepoRoot => RepositoryRoot.Path;

    /// <summary><c>tests/e2e</c>: the node tools (ajv, the Agents Playground).</summary>
    public static string E2eDir => Path.Combine(RepoRoot, "tests", "e2e");

    /// <summary><c>tests/e2e/node_modules</c>.</summary>
    public static string NodeModulesDir => Path.Combine(E2eDir, "node_modules");

    /// <summary>
    /// The shared folder: <c>$SOCIALBOT_SHARED_DIR</c>, else <c>&lt;repo&gt;/../shared</c>, else the nearest <c>shared/</c>
    /// with schemas further up (a git worktree sits one level deeper than the main checkout).
    /// </summary>
    public static string SharedDir
    {
        get
        {
            if (Environment.GetEnvironmentVariable(SharedDirVariable) is { Length: > 0 } overridden)
            {
                return Path.GetFullPath(overridden);
            }

            var beside = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));
            for (var dir = Directory.GetParent(RepoRoot); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared");
                if (Directory.Exists(Path.Combine(candidate, "schemas")))
                {
                    return candidate;
                }
            }

            return beside;
        }
    }

    /// <summary><c>&lt;shared&gt;/schemas</c>.</summary>
    public static string SchemasDir => Path.Combine(SharedDir, "schemas");
}
