using BenchmarkDotNet.Running;
using SocialBot.Benchmarks;

// `trends-scenario [n]` runs the end-to-end trends measurement; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "trends-scenario")
{
    return await TrendsScenario.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000);
}

// `digest-scenario [subscriptions] [tenants]` sends that many due digests through the rate limiter.
if (args.Length > 0 && args[0] == "digest-scenario")
{
    return await DigestScenario.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20);
}

// `ingest-scenario [mentions] [rules]` posts signed mentions to the real bot process on a real redis-server.
if (args.Length > 0 && args[0] == "ingest-scenario")
{
    return await IngestionScenario.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5_000);
}

BenchmarkSwitcher.FromAssembly(typeof(HotPathBenchmarks).Assembly).Run(args);
return 0;
