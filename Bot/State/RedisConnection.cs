using StackExchange.Redis;

namespace SocialBot.Bot.State;

internal static class RedisConnection
{
    /// <summary>
    /// The bot must start while Redis is down and reconnect by itself, so a failed first connect never aborts;
    /// commands fail as <see cref="StoreUnavailableException"/> until the connection is back.
    /// </summary>
    public static ConfigurationOptions ParseOptions(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.ReconnectRetryPolicy ??= new ExponentialRetry(deltaBackOffMilliseconds: 500, maxDeltaBackOffMilliseconds: 10_000);
        options.ClientName ??= "socialbot";
        return options;
    }

    public static IConnectionMultiplexer Connect(string connectionString) => ConnectionMultiplexer.Connect(ParseOptions(connectionString));

    public static string DescribeEndpoints(string connectionString) =>
        string.Join(", ", ConfigurationOptions.Parse(connectionString).EndPoints.Select(endpoint => endpoint.ToString()));
}
