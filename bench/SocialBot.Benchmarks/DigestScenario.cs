using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SocialBot.Bot.Features.Digest;
using SocialBot.Bot.Observability;
using SocialBot.Bot.Protocol.Connector;
using SocialBot.Bot.Protocol.Schema;
using SocialBot.Bot.State;
using SocialBot.Testing;

namespace SocialBot.Benchmarks;

/// <summary>
/// The digest issue's scenario: N subscriptions due in the same minute, spread over T tenants, sent by the real
/// dispatcher through the real rate limiter and connector client to a loopback connector that enforces Teams'
/// per-conversation limits. Reports the total time against the least Teams' limits allow: each tenant may take
/// 30 requests per second, so N/T digests per tenant need at least (N/T − 30)/30 seconds after the first second.
/// </summary>
internal static class DigestScenario
{
    private const int TenantRequestsPerSecond = 30;

    public static async Task<int> RunAsync(int subscriptionCount, int tenantCount)
    {
        await using var connector = await RecordingConnector.StartAsync();
        connector.EnforceTeamsLimits = true;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = Environment.GetEnvironmentVariable("SOCIALBOT_BENCH_REDIS") ?? string.Empty,
            ["State:KeyPrefix"] = "bench-digest-" + Guid.NewGuid().ToString("N")[..8],
            ["Digest:FanOut"] = Environment.GetEnvironmentVariable("SOCIALBOT_BENCH_FANOUT") ?? "32",
        }).Build();
        var environment = new BenchEnvironment();
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddMetrics()
            .AddSingleton<BotTelemetry>()
            .AddConnector(configuration, environment)
            .AddStateStore(configuration, environment)
            .AddDigest(configuration)
            .BuildServiceProvider();
        var subscriptions = services.GetRequiredService<DigestSubscriptionStore>();
        var dispatcher = services.GetRequiredService<DigestDispatcher>();
        var due = DateTimeOffset.UtcNow.AddSeconds(-30);
        var schedule = new DigestSchedule(due.Hour, due.Minute, "UTC", false);
        for (var i = 0; i < subscriptionCount; i++)
        {
            var tenant = "tenant-" + (i % tenantCount);
            var conversation = $"19:bench-{i}@thread.tacv2";
            var reference = new ConversationReference
            {
                ChannelId = "msteams",
                ServiceUrl = connector.ServiceUrl,
                Conversation = new ConversationAccount { Id = conversation, ConversationType = "channel" },
                TenantId = tenant,
            };
            await subscriptions.SaveAsync(new DigestSubscription(tenant, conversation, schedule, reference), due, CancellationToken.None);
        }

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var stopwatch = Stopwatch.StartNew();
        var sent = 0;
        while (sent < subscriptionCount && stopwatch.Elapsed < TimeSpan.FromMinutes(30))
        {
            sent += await dispatcher.RunDueAsync(DateTimeOffset.UtcNow, CancellationToken.None);
        }

        var elapsed = stopwatch.Elapsed;
        var perTenant = (int)Math.Ceiling(subscriptionCount / (double)tenantCount);
        var minimum = TimeSpan.FromSeconds(Math.Max(0, perTenant - TenantRequestsPerSecond) / (double)TenantRequestsPerSecond);
        var delivered = connector.Delivered.Count;
        var throttled = connector.Requests.Count(r => r.Status == 429);
        Console.WriteLine($"| Digest: {subscriptionCount:N0} due in the same minute, {tenantCount} tenants | {elapsed.TotalSeconds:N1} s | least Teams allows: {minimum.TotalSeconds:N1} s ({perTenant} per tenant at {TenantRequestsPerSecond}/s) |");
        Console.WriteLine($"| Digest: delivered / 429s / allocated | {delivered:N0} / {throttled} / {(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (1024 * 1024):N0} MB | peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MB |");
        return delivered == subscriptionCount ? 0 : 1;
    }
}
