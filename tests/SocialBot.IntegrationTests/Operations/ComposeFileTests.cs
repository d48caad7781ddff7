using System.Text.RegularExpressions;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Operations;

/// <summary>
/// infra/compose.yaml, checked line by line (no YAML package is served here): two bot replicas behind nginx,
/// Redis with append-only persistence on a volume, and the nginx config pointing at the bot service.
/// </summary>
public sealed partial class ComposeFileTests
{
    private static readonly IReadOnlyDictionary<string, string[]> Services = ReadServices(RepositoryRoot.Combine("infra", "compose.yaml"));

    [Fact]
    public void Bot_TwoReplicasFromTheRepositoryDockerfile()
    {
        var bot = Services["bot"];
        Assert.Contains(bot, line => line.Trim() == "replicas: 2");
        Assert.Contains(bot, line => line.Trim() == "dockerfile: Dockerfile");
        Assert.Contains(bot, line => line.Trim() == "context: ..");
        Assert.Contains(bot, line => line.Trim().StartsWith("ConnectionStrings__Redis: \"redis:6379", StringComparison.Ordinal));
        Assert.Contains(bot, line => line.Trim() == "ASPNETCORE_ENVIRONMENT: Production");
        Assert.DoesNotContain(bot, line => line.Trim() == "ports:");
    }

    [Fact]
    public void Redis_AppendOnlyOnAVolume()
    {
        var redis = Services["redis"];
        Assert.Contains(redis, line => line.Contains("\"--appendonly\", \"yes\"", StringComparison.Ordinal));
        Assert.Contains(redis, line => line.Trim() == "- redis-data:/data");
    }

    [Fact]
    public void LoadBalancer_NginxPublishesThePortAndBalancesOverTheBotService()
    {
        var lb = Services["lb"];
        Assert.Contains(lb, line => line.Trim().StartsWith("image: nginx", StringComparison.Ordinal));
        var mount = Assert.Single(lb, line => line.Contains("/etc/nginx/conf.d/default.conf", StringComparison.Ordinal));
        var source = MountSource().Match(mount).Groups["source"].Value;
        var config = File.ReadAllText(Path.Combine(RepositoryRoot.Combine("infra"), source));
        Assert.Contains("server bot:8080", config, StringComparison.Ordinal);
        Assert.Contains("proxy_pass http://socialbot;", config, StringComparison.Ordinal);
        Assert.Matches(@"location = /metrics \{\s*return 404;", config);
    }

    [Fact]
    public void Bot_StopGracePeriodLongerThanShutdownTimeout()
    {
        var bot = Services["bot"];
        var grace = int.Parse(GracePeriod().Match(string.Join('\n', bot)).Groups["seconds"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var timeout = TimeSpan.Parse(ShutdownTimeout().Match(string.Join('\n', bot)).Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(grace > timeout.TotalSeconds, $"stop_grace_period {grace}s must exceed Shutdown__Timeout {timeout}.");
    }

    // Top-level "services:" children are indented by two spaces; their bodies by more.
    private static Dictionary<string, string[]> ReadServices(string path)
    {
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var inServices = false;
        string? current = null;
        var body = new List<string>();
        foreach (var line in File.ReadAllLines(path))
        {
            if (line.StartsWith('#') || line.Trim().Length == 0)
            {
                continue;
            }

            if (!line.StartsWith(' '))
            {
                Flush();
                inServices = line.TrimEnd() == "services:";
                continue;
            }

            if (!inServices)
            {
                continue;
            }

            if (ServiceName().Match(line) is { Success: true } name)
            {
                Flush();
                current = name.Groups["name"].Value;
            }
            else
            {
                body.Add(line);
            }
        }

        Flush();
        return result;

        void Flush()
        {
            if (current is not null)
            {
                result[current] = [.. body];
            }

            current = null;
            body.Clear();
        }
    }

    [GeneratedRegex(@"^  (?<name>[a-z][a-z0-9-]*):\s*$")]
    private static partial Regex ServiceName();

    [GeneratedRegex(@"- (?<source>\./[^:]+):")]
    private static partial Regex MountSource();

    [GeneratedRegex(@"stop_grace_period: (?<seconds>\d+)s")]
    private static partial Regex GracePeriod();

    [GeneratedRegex(@"Shutdown__Timeout: ""(?<value>[0-9:.]+)""")]
    private static partial Regex ShutdownTimeout();
}
