using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace SocialBot.Load;

/// <summary>One measured slice of one bot.</summary>
internal sealed record Slice(LoadResult Result, TimeSpan BotCpu, long Replies, double OtherCores);

/// <summary>
/// Turn throughput side by side: `new post …` messages across N 1:1 conversations to SocialBot and to the botbuilder
/// reference, both running at once on the same redis-server (own key prefixes), measured in alternating slices so that
/// whatever else the shared machine does falls on both alike: R rounds of a closed loop with W workers (saturation),
/// then R rounds on a fixed schedule at half of the reference's saturated rate (latency at the same offered load).
/// The conversations are spread over T tenants: Teams allows an app 30–50 requests per second per tenant (SocialBot's
/// limiter keeps to 30), so more replies than that in one tenant would measure the limit, not the bot.
/// </summary>
internal static class TurnScenario
{
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(int conversations, int tenants, int workers, TimeSpan slice, int rounds)
    {
        await using var rig = await Rig.StartAsync();
        rig.Activities.Tenants = tenants;
        var redisPid = MachineCpu.RedisPid(rig.Redis.Port);
        var cardFile = Path.Combine(Path.GetTempPath(), $"socialbot-load-card-{Environment.ProcessId}.json");
        try
        {
            await using var socialBot = await rig.StartSocialBotAsync();
            var captured = rig.Connector.CaptureNextAsync();
            Check(await rig.PostAsync(socialBot, rig.Activities.PersonalMessage(0, Text(0, 0))));
            var card = JsonNode.Parse(await captured.WaitAsync(TimeSpan.FromSeconds(10)))!["attachments"]?[0]?["content"]
                ?? throw new InvalidOperationException("SocialBot's reply had no card.");
            await File.WriteAllTextAsync(cardFile, card.ToJsonString());
            Console.WriteLine($"SocialBot's draft form card: {card.ToJsonString().Length:N0} characters of JSON; the reference sends the same card.");

            await using var reference = await rig.StartReferenceAsync(cardFile);
            captured = rig.Connector.CaptureNextAsync();
            Check(await rig.PostAsync(reference, rig.Activities.PersonalMessage(0, Text(0, 0))));
            if (!(await captured.WaitAsync(TimeSpan.FromSeconds(10))).Contains("\"Input.Text\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("The reference's reply had no draft form.");
            }

            BotUnderTest[] bots = [socialBot, reference];
            TimeSpan Ours() => bots.Aggregate(MachineCpu.ProcessCpu(Environment.ProcessId) + (redisPid is { } r ? MachineCpu.ProcessCpu(r) : TimeSpan.Zero), (sum, b) => sum + b.CpuTime);

            async Task<Slice> MeasureAsync(BotUnderTest bot, Func<Func<long, Task<string?>>, Task<LoadResult>> load)
            {
                var machine = MachineCpu.Start(Ours());
                var cpu = bot.CpuTime;
                var replies = rig.Connector.Received;
                var result = await load(Sender(rig, bot, conversations));
                return new Slice(result, bot.CpuTime - cpu, rig.Connector.Received - replies, machine.OtherCores(Ours()));
            }

            foreach (var bot in bots)
            {
                Console.WriteLine($"{bot.Name}: warming up {Warmup.TotalSeconds:N0} s …");
                var warm = await LoadRunner.ClosedLoopAsync(workers, TimeSpan.Zero, Warmup, Sender(rig, bot, conversations));
                if (warm.Failed > 0)
                {
                    Console.WriteLine($"  warm-up failures: {warm.Failed} (first: {warm.FirstFailure})");
                }
            }

            var saturated = bots.ToDictionary(b => b, _ => new List<Slice>());
            for (var round = 1; round <= rounds; round++)
            {
                foreach (var bot in round % 2 == 1 ? bots : bots.Reverse())
                {
                    var s = await MeasureAsync(bot, send => LoadRunner.ClosedLoopAsync(workers, TimeSpan.Zero, slice, send));
                    saturated[bot].Add(s);
                    Report($"round {round}, {bot.Name}, {workers} workers", s);
                }
            }

            var rate = Math.Max(10, Math.Round(Median(saturated[reference]).Result.RequestsPerSecond / 2 / 10) * 10);
            var paced = bots.ToDictionary(b => b, _ => new List<Slice>());
            for (var round = 1; round <= rounds; round++)
            {
                foreach (var bot in round % 2 == 1 ? bots : bots.Reverse())
                {
                    var s = await MeasureAsync(bot, send => LoadRunner.OpenLoopAsync(rate, TimeSpan.FromSeconds(2), slice, send));
                    paced[bot].Add(s);
                    Report($"round {round}, {bot.Name}, {rate:N0}/s fixed schedule", s);
                }
            }

            Print(bots, saturated, paced, rate, conversations, tenants, workers, slice, rounds);
            return bots.All(b => saturated[b].Concat(paced[b]).All(s => s.Result.Failed == 0)) ? 0 : 1;
        }
        finally
        {
            File.Delete(cardFile);
        }
    }

    private static Func<long, Task<string?>> Sender(Rig rig, BotUnderTest bot, int conversations) => n =>
    {
        var conversation = (int)(n % conversations);
        return rig.PostAsync(bot, rig.Activities.PersonalMessage(conversation, Text(conversation, n)));
    };

    private static Slice Median(List<Slice> slices) => slices.OrderBy(s => s.Result.RequestsPerSecond).ElementAt(slices.Count / 2);

    private static double CpuPerTurn(Slice s) => s.BotCpu.TotalMilliseconds / Math.Max(1, s.Result.Completed);

    private static void Report(string what, Slice s)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {what}: {s.Result.RequestsPerSecond:N0} turns/s, p50 {s.Result.Percentile(0.5):N1} ms, p99 {s.Result.Percentile(0.99):N1} ms, CPU {CpuPerTurn(s):N2} ms/turn, {s.Replies:N0} replies, failed {s.Result.Failed}, other work on the machine {s.OtherCores:N2} cores"));
        if (s.Result.FirstFailure is not null)
        {
            Console.WriteLine($"    first failure: {s.Result.FirstFailure}");
        }
    }

    private static string Text(int conversation, long n) =>
        string.Create(CultureInfo.InvariantCulture, $"new post Launch day for team {conversation} 🚀 #launch — see https://contoso.example/launch/{n}");

    private static void Check(string? failure)
    {
        if (failure is not null)
        {
            throw new InvalidOperationException(failure);
        }
    }

    private static void Print(BotUnderTest[] bots, Dictionary<BotUnderTest, List<Slice>> saturated, Dictionary<BotUnderTest, List<Slice>> paced, double rate, int conversations, int tenants, int workers, TimeSpan slice, int rounds)
    {
        string Pcts(LoadResult r) => string.Create(CultureInfo.InvariantCulture, $"{r.Percentile(0.5):N1} / {r.Percentile(0.99):N1} ms");
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Turns: `new post …` across {conversations:N0} 1:1 conversations in {tenants:N0} tenants; median of {rounds} alternating {slice.TotalSeconds:N0}-second slices per bot; saturated = {workers} concurrent requests; paced = {rate:N0} turns/s on a fixed schedule (half the reference's saturated rate)."));
        Console.WriteLine();
        Console.WriteLine("| Bot | Turns/s (saturated) | p50 / p99 saturated | p50 / p99 paced | Peak RSS | CPU per turn | Other work on the machine |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        var rows = bots.Select(b => (Bot: b, Sat: Median(saturated[b]), Paced: paced[b].OrderBy(s => s.Result.Percentile(0.99)).ElementAt(paced[b].Count / 2))).ToList();
        foreach (var (bot, sat, p) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {bot.Name} | {sat.Result.RequestsPerSecond:N0} | {Pcts(sat.Result)} | {Pcts(p.Result)} | {bot.PeakRssMegabytes:N0} MB | {CpuPerTurn(sat):N2} ms | {sat.OtherCores:N1} cores |"));
        }

        var (s, r) = (rows[0], rows[1]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| **SocialBot ÷ reference** | **{s.Sat.Result.RequestsPerSecond / r.Sat.Result.RequestsPerSecond:N2}×** (target ≥ 5×) | {s.Sat.Result.Percentile(0.5) / r.Sat.Result.Percentile(0.5):N2}× / **{s.Sat.Result.Percentile(0.99) / r.Sat.Result.Percentile(0.99):N2}×** (target ≤ 0.33×) | {s.Paced.Result.Percentile(0.5) / r.Paced.Result.Percentile(0.5):N2}× / **{s.Paced.Result.Percentile(0.99) / r.Paced.Result.Percentile(0.99):N2}×** | **{s.Bot.PeakRssMegabytes / r.Bot.PeakRssMegabytes:N2}×** (target ≤ 0.5×) | {CpuPerTurn(s.Sat) / CpuPerTurn(r.Sat):N2}× | |"));
    }
}
