using System.Globalization;
using System.Text.Json.Nodes;

namespace SocialBot.Load;

/// <summary>What one bot did in the turn benchmark.</summary>
internal sealed record BotMeasurement(string Name, LoadResult Result, double PeakRssMegabytes, TimeSpan CpuTime, long Replies, LoadResult AtSameRate)
{
    public double CpuMillisecondsPerTurn => Result.Completed == 0 ? double.NaN : CpuTime.TotalMilliseconds / Result.Completed;
}

/// <summary>
/// Turn throughput side by side: `new post …` messages across N 1:1 conversations, first to SocialBot, then (Redis
/// flushed) to the botbuilder reference, the same load each; closed loop with W workers. The conversations are spread
/// over T tenants: Teams allows an app 30–50 requests per second per tenant (SocialBot's limiter keeps to 30), so
/// more replies than that in one tenant measure the limit, not the bot.
/// </summary>
internal static class TurnScenario
{
    /// <summary>Turns per second offered to both bots for the like-for-like latency (LOAD_RATE, default 400).</summary>
    private static readonly double SameRate = double.Parse(Environment.GetEnvironmentVariable("LOAD_RATE") ?? "400", CultureInfo.InvariantCulture);

    public static async Task<int> RunAsync(int conversations, int tenants, int workers, TimeSpan warmup, TimeSpan duration)
    {
        await using var rig = await Rig.StartAsync();
        rig.Activities.Tenants = tenants;
        var cardFile = Path.Combine(Path.GetTempPath(), $"socialbot-load-card-{Environment.ProcessId}.json");
        var measurements = new List<BotMeasurement>();
        try
        {
            // LOAD_BOTS=socialbot (or reference) measures one side only, e.g. while profiling it.
            var only = Environment.GetEnvironmentVariable("LOAD_BOTS");
            await using (var socialBot = await rig.StartSocialBotAsync())
            {
                var captured = rig.Connector.CaptureNextAsync();
                Check(await rig.PostAsync(socialBot, rig.Activities.PersonalMessage(0, Text(0, 0))));
                var reply = JsonNode.Parse(await captured.WaitAsync(TimeSpan.FromSeconds(10)))!;
                var card = reply["attachments"]?[0]?["content"] ?? throw new InvalidOperationException("SocialBot's reply had no card: " + reply.ToJsonString()[..Math.Min(300, reply.ToJsonString().Length)]);
                await File.WriteAllTextAsync(cardFile, card.ToJsonString());
                Console.WriteLine($"SocialBot's draft form card: {card.ToJsonString().Length:N0} characters of JSON; the reference sends the same card.");
                if (only is null or "socialbot")
                {
                    measurements.Add(await MeasureAsync(rig, socialBot, conversations, workers, warmup, duration));
                }
            }

            await rig.FlushRedisAsync();
            if (only == "socialbot")
            {
                Print(measurements, conversations, tenants, workers, duration);
                return 0;
            }

            await using (var reference = await rig.StartReferenceAsync(cardFile))
            {
                var captured = rig.Connector.CaptureNextAsync();
                Check(await rig.PostAsync(reference, rig.Activities.PersonalMessage(0, Text(0, 0))));
                var reply = await captured.WaitAsync(TimeSpan.FromSeconds(10));
                if (!reply.Contains("\"Input.Text\"", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException("The reference's reply had no draft form: " + reply[..Math.Min(300, reply.Length)]);
                }

                measurements.Add(await MeasureAsync(rig, reference, conversations, workers, warmup, duration));
            }
        }
        finally
        {
            File.Delete(cardFile);
        }

        Print(measurements, conversations, tenants, workers, duration);
        return measurements.All(m => m.Result.Failed == 0) ? 0 : 1;
    }

    private static async Task<BotMeasurement> MeasureAsync(Rig rig, BotUnderTest bot, int conversations, int workers, TimeSpan warmup, TimeSpan duration)
    {
        Task<string?> Send(long n)
        {
            var conversation = (int)(n % conversations);
            return rig.PostAsync(bot, rig.Activities.PersonalMessage(conversation, Text(conversation, n)));
        }

        Console.WriteLine($"{bot.Name}: warming up {warmup.TotalSeconds:N0} s …");
        var warm = await LoadRunner.ClosedLoopAsync(workers, TimeSpan.Zero, warmup, Send);
        if (warm.Failed > 0)
        {
            Console.WriteLine($"  warm-up failures: {warm.Failed} (first: {warm.FirstFailure})");
        }

        var cpuBefore = bot.CpuTime;
        var repliesBefore = rig.Connector.Received;
        Console.WriteLine($"{bot.Name}: measuring {duration.TotalSeconds:N0} s with {workers} workers …");
        var result = await LoadRunner.ClosedLoopAsync(workers, TimeSpan.Zero, duration, Send);
        var cpu = bot.CpuTime - cpuBefore;
        var replies = rig.Connector.Received - repliesBefore;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {result.RequestsPerSecond:N0} turns/s, p50 {result.Percentile(0.5):N1} ms, p99 {result.Percentile(0.99):N1} ms, failed {result.Failed}, CPU {cpu.TotalMilliseconds / Math.Max(1, result.Completed):N2} ms/turn, replies {replies:N0}"));
        if (result.FirstFailure is not null)
        {
            Console.WriteLine($"  first failure: {result.FirstFailure}{Environment.NewLine}{bot.Tail()}");
        }

        // The same offered load for both bots (below either one's saturation), on a fixed schedule: latency without queueing.
        var atRate = await LoadRunner.OpenLoopAsync(SameRate, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(15), Send);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  at {SameRate:N0}/s on a fixed schedule: p50 {atRate.Percentile(0.5):N1} ms, p99 {atRate.Percentile(0.99):N1} ms, failed {atRate.Failed}; peak RSS {bot.PeakRssMegabytes:N0} MB"));
        return new BotMeasurement(bot.Name, result, bot.PeakRssMegabytes, cpu, replies, atRate);
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

    private static void Print(List<BotMeasurement> m, int conversations, int tenants, int workers, TimeSpan duration)
    {
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Turns: `new post …` across {conversations:N0} 1:1 conversations in {tenants:N0} tenants, {workers} concurrent requests, {duration.TotalSeconds:N0} s measured after warm-up"));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| Bot | Turns/s (saturated) | p50 / p99 saturated | p50 / p99 at {SameRate:N0}/s | Peak RSS | CPU per turn | Failed |"));
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var x in m)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {x.Name} | {x.Result.RequestsPerSecond:N0} | {x.Result.Percentile(0.5):N1} / {x.Result.Percentile(0.99):N1} ms | {x.AtSameRate.Percentile(0.5):N1} / {x.AtSameRate.Percentile(0.99):N1} ms | {x.PeakRssMegabytes:N0} MB | {x.CpuMillisecondsPerTurn:N2} ms | {x.Result.Failed + x.AtSameRate.Failed} |"));
        }

        if (m.Count == 2)
        {
            var (s, r) = (m[0], m[1]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| **SocialBot ÷ reference** | **{s.Result.RequestsPerSecond / r.Result.RequestsPerSecond:N2}×** (target ≥ 5×) | {s.Result.Percentile(0.5) / r.Result.Percentile(0.5):N2}× / **{s.Result.Percentile(0.99) / r.Result.Percentile(0.99):N2}×** (target ≤ 0.33×) | {s.AtSameRate.Percentile(0.5) / r.AtSameRate.Percentile(0.5):N2}× / **{s.AtSameRate.Percentile(0.99) / r.AtSameRate.Percentile(0.99):N2}×** | **{s.PeakRssMegabytes / r.PeakRssMegabytes:N2}×** (target ≤ 0.5×) | {s.CpuMillisecondsPerTurn / r.CpuMillisecondsPerTurn:N2}× | |"));
        }
    }
}
