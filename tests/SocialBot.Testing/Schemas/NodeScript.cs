using System.ComponentModel;
using System.Diagnostics;

namespace SocialBot.Testing;

/// <summary>Runs one node script with tests/e2e/node_modules on the module path; fails loudly when the tools are missing.</summary>
internal static class NodeScript
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    public static void RequireModules(params string[] modules)
    {
        var missing = modules.Where(m => !File.Exists(Path.Combine(RepositoryLayout.NodeModulesDir, m, "package.json"))).ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidOperationException(
                $"The schema validators need the node packages {string.Join(", ", missing)} in {RepositoryLayout.NodeModulesDir}. " +
                $"Run `npm ci --prefix tests/e2e` in {RepositoryLayout.RepoRoot}, then run the tests again.");
        }
    }

    public static NodeRun Run(string script, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryLayout.E2eDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NODE_PATH"] = RepositoryLayout.NodeModulesDir;

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                "Could not run `node` (Node.js 18 or later must be on PATH for the schema validators; then run `npm ci --prefix tests/e2e`): " + e.Message, e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Limit))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"node {Path.GetFileName(script)} did not finish within {Limit.TotalMinutes} minutes.");
            }

            return new NodeRun(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
        }
    }
}

internal sealed record NodeRun(int ExitCode, string StandardOutput, string StandardError);
