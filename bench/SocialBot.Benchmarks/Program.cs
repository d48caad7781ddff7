using BenchmarkDotNet.Running;
using SocialBot.Benchmarks;

// `trends-scenario [n]` runs the end-to-end trends measurement; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "trends-scenario")
{
    return await TrendsScenario.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000);
}

BenchmarkSwitcher.FromAssembly(typeof(HotPathBenchmarks).Assembly).Run(args);
return 0;
