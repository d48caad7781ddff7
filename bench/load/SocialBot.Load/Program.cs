using System.Globalization;
using SocialBot.Load;

// bench/run-load.sh passes: turns [slice seconds] [workers] [conversations] [tenants] [rounds] | invokes [seconds]
static int Arg(string[] args, int index, int fallback) =>
    args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

return args.FirstOrDefault() switch
{
    "turns" => await TurnScenario.RunAsync(Arg(args, 3, 1000), Arg(args, 4, 100), Arg(args, 2, 64), TimeSpan.FromSeconds(Arg(args, 1, 15)), Arg(args, 5, 3)),
    "invokes" => await InvokeScenario.RunAsync(TimeSpan.FromSeconds(Arg(args, 1, 30))),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("Usage: SocialBot.Load turns [slice-seconds=15] [workers=64] [conversations=1000] [tenants=100] [rounds=3] | invokes [seconds=30]");
    return 2;
}
