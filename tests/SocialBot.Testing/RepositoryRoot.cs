namespace SocialBot.Testing;

/// <summary>Finds the repository checkout the tests run from (the folder holding SocialBot.sln).</summary>
public static class RepositoryRoot
{
    private const string SolutionFileName = "SocialBot.sln";

    private static readonly Lazy<string> Root = new(Locate);

    /// <summary>Absolute path of the folder that contains SocialBot.sln.</summary>
    public static string Path => Root.Value;

    /// <summary>Combines parts below the repository root.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Locate()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, SolutionFileName)))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException(
            $"Could not find {SolutionFileName} above '{AppContext.BaseDirectory}'. Run the tests from inside the repository.");
    }
}
