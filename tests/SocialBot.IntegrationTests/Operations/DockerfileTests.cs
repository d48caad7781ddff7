using System.Text.RegularExpressions;
using System.Xml.Linq;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Operations;

/// <summary>
/// There is no Docker engine in CI, so the Dockerfile is linted instead: two stages from the official .NET images, a
/// non-root user, the exposed port, a health check, and the published project is the one the solution builds.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly Dockerfile File = Dockerfile.Load(RepositoryRoot.Combine("Dockerfile"));

    [Fact]
    public void Stages_SdkBuildThenAspNetRuntime_BothDotnet10()
    {
        Assert.Equal(2, File.Stages.Count);
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0", File.Stages[0].Image);
        Assert.Equal("build", File.Stages[0].Name);
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0", File.Stages[1].Image);
    }

    [Fact]
    public void Runtime_UserIsNotRoot()
    {
        var user = Assert.Single(File.Stages[1].Arguments("USER"));
        Assert.DoesNotMatch("^(root|0)(:.*)?$", user);
        Assert.Equal("$APP_UID", user);
    }

    [Fact]
    public void Runtime_Exposes8080AndListensThere()
    {
        Assert.Contains("8080", File.Stages[1].Arguments("EXPOSE"));
        Assert.Contains(File.Stages[1].Arguments("ENV"), env => env.Contains("ASPNETCORE_HTTP_PORTS=8080", StringComparison.Ordinal));
    }

    [Fact]
    public void Runtime_HealthCheckProbesTheAppItself()
    {
        var check = Assert.Single(File.Stages[1].Arguments("HEALTHCHECK"));
        Assert.Contains("\"--healthcheck\"", check, StringComparison.Ordinal);
        Assert.Contains("\"SocialBot.Bot.dll\"", check, StringComparison.Ordinal);
        Assert.DoesNotContain("curl", check, StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_ProjectIsInTheSolutionAndItsDllIsTheEntryPoint()
    {
        var publish = Assert.Single(File.Stages[0].Arguments("RUN"), run => run.Contains("dotnet publish", StringComparison.Ordinal));
        var project = PublishedProject().Match(publish);
        Assert.True(project.Success, publish);
        var projectPath = project.Groups["path"].Value;
        var output = PublishOutput().Match(publish).Groups["dir"].Value;

        var solution = System.IO.File.ReadAllText(RepositoryRoot.Combine("SocialBot.sln"));
        Assert.Contains(projectPath.Replace('/', '\\'), solution, StringComparison.Ordinal);
        var csproj = XDocument.Load(RepositoryRoot.Combine(projectPath.Split('/')));
        var assembly = csproj.Descendants("AssemblyName").Single().Value;

        Assert.Contains(File.Stages[1].Arguments("COPY"), copy => copy.StartsWith("--from=build", StringComparison.Ordinal) && copy.Contains(output + " ", StringComparison.Ordinal));
        var entry = Assert.Single(File.Stages[1].Arguments("ENTRYPOINT"));
        Assert.Equal($"[\"dotnet\", \"{assembly}.dll\"]", entry);
    }

    [Fact]
    public void BuildStage_CopiesOnlyPathsThatExist()
    {
        foreach (var copy in File.Stages[0].Arguments("COPY"))
        {
            var parts = copy.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var source in parts[..^1])
            {
                var path = RepositoryRoot.Combine(source.TrimEnd('/').Split('/'));
                Assert.True(System.IO.File.Exists(path) || Directory.Exists(path), $"COPY source '{source}' does not exist.");
            }
        }
    }

    [Fact]
    public void DockerIgnore_KeepsBuildOutputAndGitOut()
    {
        var ignored = System.IO.File.ReadAllLines(RepositoryRoot.Combine(".dockerignore"));
        Assert.Contains("artifacts/", ignored);
        Assert.Contains(".git/", ignored);
        Assert.Contains("**/bin/", ignored);
    }

    [GeneratedRegex(@"dotnet publish (?<path>\S+\.csproj)")]
    private static partial Regex PublishedProject();

    [GeneratedRegex(@"--output (?<dir>\S+)")]
    private static partial Regex PublishOutput();
}

/// <summary>A Dockerfile split into stages and instructions (continuations joined, comments dropped, ARGs expanded).</summary>
internal sealed record Dockerfile(IReadOnlyList<DockerStage> Stages)
{
    public static Dockerfile Load(string path)
    {
        var instructions = new List<(string Keyword, string Arguments)>();
        var pending = string.Empty;
        foreach (var raw in System.IO.File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && pending.Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1].Trim() + " ";
                continue;
            }

            line = (pending + line).Trim();
            pending = string.Empty;
            if (line.Length == 0)
            {
                continue;
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            instructions.Add((line[..space].ToUpperInvariant(), line[(space + 1)..].Trim()));
        }

        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        var stages = new List<DockerStage>();
        foreach (var (keyword, arguments) in instructions)
        {
            if (keyword == "ARG" && stages.Count == 0 && arguments.Split('=', 2) is [var name, var value])
            {
                args[name] = value;
            }
            else if (keyword == "FROM")
            {
                var expanded = args.Aggregate(arguments, (text, arg) => text.Replace("${" + arg.Key + "}", arg.Value, StringComparison.Ordinal));
                var parts = expanded.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                stages.Add(new DockerStage(parts[0], parts.Length == 3 && parts[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? parts[2] : null, []));
            }
            else if (stages.Count > 0)
            {
                stages[^1].Instructions.Add((keyword, arguments));
            }
        }

        return new Dockerfile(stages);
    }
}

internal sealed record DockerStage(string Image, string? Name, List<(string Keyword, string Arguments)> Instructions)
{
    public IReadOnlyList<string> Arguments(string keyword) =>
        [.. Instructions.Where(i => i.Keyword == keyword).Select(i => i.Arguments)];
}
