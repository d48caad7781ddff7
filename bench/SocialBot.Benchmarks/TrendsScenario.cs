using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SocialBot.Bot.Features.Trends;
using SocialBot.Bot.Ingestion;
using SocialBot.Bot.State;

namespace SocialBot.Benchmarks;

/// <summary>
/// The trends issue's scenario: count the terms of 1,000,000 mentions (a week of quiet baseline plus one busy day),
/// then compute <c>trends 24h</c> over them. Runs on the embedded store so it measures our code, not the network.
/// </summary>
internal static class TrendsScenario
{
    public static async Task<int> RunAsync(int mentions)
    {
        var now = new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(now);
        var store = new InMemoryStateStore(clock);
        var counter = new TrendCounter(store, clock, NullLogger<TrendCounter>.Instance);
        var scorer = new TrendScorer(counter, clock);
        string[] steady = ["Loving the new dashboard", "Support was quick today", "Pricing question about the team plan", "Webinar recording please", "Dark mode when?"];
        string[] burst = ["#LaunchDay is finally here", "The #LaunchDay demo crashed for me", "acme cloud outage during #LaunchDay", "Refund please, acme cloud is down"];
        var random = new Random(7);
        var baseline = mentions / 10;

        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForAsync(0, mentions, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount * 2 }, async (i, ct) =>
        {
            var isBaseline = i < baseline;
            var at = isBaseline ? now.AddHours(-24 - (i % (7 * 24))) : now.AddMinutes(-(i % (24 * 60)));
            var text = isBaseline || i % 5 != 0 ? steady[i % steady.Length] + " " + (i % 97) : burst[i % burst.Length];
            await counter.RecordAsync(
                new IncomingMention { TenantId = "contoso", Id = "m" + i, Source = MentionSource.X, Author = new MentionAuthor("@user" + (i % 5000), null, i % 20_000), Text = text, CreatedAt = at },
                i % 7 == 0 ? MentionTone.Negative : MentionTone.Neutral,
                cancellationToken: ct);
        });
        var counting = stopwatch.Elapsed;

        stopwatch.Restart();
        var terms = await scorer.FindAsync("contoso", new TrendQuery(TrendWindow.Day, null));
        var scoring = stopwatch.Elapsed;
        _ = random;

        Console.WriteLine($"| Trends: count {mentions:N0} mentions' terms | {mentions / counting.TotalSeconds:N0} mentions/s | {counting.TotalSeconds:N1} s total |");
        Console.WriteLine($"| Trends: `trends 24h` over them | {scoring.TotalMilliseconds:N0} ms | top: {string.Join(", ", terms.Take(3).Select(t => t.Display))} |");
        Console.WriteLine($"| Peak working set | {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MB | |");
        return 0;
    }
}
