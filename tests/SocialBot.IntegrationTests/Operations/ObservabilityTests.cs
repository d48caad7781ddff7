using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialBot.Bot.Observability;
using SocialBot.IntegrationTests.Hosting;

namespace SocialBot.IntegrationTests.Operations;

/// <summary>The real host: the guarded Prometheus endpoint, turn metrics, and what turn logs carry (and never carry).</summary>
public sealed class ObservabilityTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Metrics_EndpointOffByDefault_404()
    {
        await using var host = await BotTestHost.StartAsync();

        var response = await host.Client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_EndpointOnAfterATurn_ShowsTurnCounterAndDuration()
    {
        await using var host = await BotTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Observability:MetricsEndpoint"] = "true" });
        var user = TeamsUser.Author;

        Assert.Equal(HttpStatusCode.OK, (await host.PostActivityAsync(TeamsActivities.PersonalMessage(host, user, "help"))).StatusCode);
        await host.Connector.WaitForAsync(r => r.ConversationId == TeamsActivities.PersonalConversationId(user), Wait);

        var response = await host.Client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(@"socialbot_turns_total\{[^}]*activity_type=""message""[^}]*outcome=""handled""[^}]*\} [1-9]", text);
        Assert.Contains("socialbot_turn_duration_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.Matches(@"socialbot_connector_calls_total\{[^}]*http_response_status_code=""2\d\d""", text);
    }

    [Fact]
    public async Task Metrics_CustomPath_ServedThereOnly()
    {
        await using var host = await BotTestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Observability:MetricsEndpoint"] = "true",
            ["Observability:MetricsPath"] = "/internal/metrics",
        });

        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/internal/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task Logs_RedeliveredTurn_CarryTurnScopeAndNoTokenOrTextAboveDebug()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await BotTestHost.StartAsync(
            settings: new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Debug" },
            configureServices: services => services.AddSingleton<ILoggerProvider>(logs));
        var user = TeamsUser.Author;
        const string secretText = "help the quarterly numbers are 4,217,903 confidential";
        var activity = TeamsActivities.PersonalMessage(host, user, secretText, id: "activity-log-1");
        var token = host.Token();

        Assert.Equal(HttpStatusCode.OK, (await host.PostActivityAsync(activity, "Bearer " + token)).StatusCode);
        await host.Connector.WaitForAsync(r => r.ConversationId == TeamsActivities.PersonalConversationId(user), Wait);
        Assert.Equal(HttpStatusCode.OK, (await host.PostActivityAsync(activity, "Bearer " + token)).StatusCode);

        var duplicate = Assert.Single(logs.Entries, e => e.Message.StartsWith("Skipped a redelivered", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, duplicate.Level);
        Assert.Equal(TeamsActivities.PersonalConversationId(user), duplicate.Scope[TurnLogScope.ConversationIdKey]);
        Assert.Equal("activity-log-1", duplicate.Scope[TurnLogScope.ActivityIdKey]);
        Assert.Equal("message", duplicate.Scope[TurnLogScope.ActivityTypeKey]);

        Assert.Contains(logs.Entries, e => e.Level >= LogLevel.Information);
        foreach (var entry in logs.Entries)
        {
            Assert.DoesNotContain(token, entry.AllText, StringComparison.Ordinal);
            Assert.DoesNotContain(BotTestHost.OutboundToken, entry.AllText, StringComparison.Ordinal);
            if (entry.Level > LogLevel.Debug)
            {
                Assert.DoesNotContain("4,217,903", entry.AllText, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Shutdown_TimeoutSetting_BecomesTheHostShutdownTimeout()
    {
        await using var host = await BotTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Shutdown:Timeout"] = "00:00:12" });

        Assert.Equal(TimeSpan.FromSeconds(12), host.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }
}
