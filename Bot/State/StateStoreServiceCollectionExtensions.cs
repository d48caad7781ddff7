using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SocialBot.Bot.State;

internal static class StateStoreServiceCollectionExtensions
{
    public const string RedisConnectionStringName = "Redis";

    /// <summary>
    /// Registers <see cref="IStateStore"/>, <see cref="Microsoft.Extensions.Caching.Distributed.IDistributedCache"/>
    /// and the "ready" health check: Redis (one shared multiplexer) when <c>ConnectionStrings:Redis</c> is set,
    /// otherwise in-memory, which start-up rejects in Production.
    /// </summary>
    public static IServiceCollection AddStateStore(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);

        var connectionString = configuration.GetConnectionString(RedisConnectionStringName);
        var useRedis = !string.IsNullOrWhiteSpace(connectionString);

        services.AddOptions<StateStoreOptions>()
            .Bind(configuration.GetSection(StateStoreOptions.Section))
            .Configure(options => options.RedisConnectionString = connectionString)
            .Validate(
                options => !string.IsNullOrWhiteSpace(options.KeyPrefix) && options.KeyPrefix.AsSpan().IndexOfAny('{', '}') < 0,
                "State:KeyPrefix must be non-empty and must not contain '{' or '}'.")
            .Validate(
                options => !environment.IsProduction() || !string.IsNullOrWhiteSpace(options.RedisConnectionString),
                "ConnectionStrings:Redis is required in Production: the in-memory state store loses drafts, decisions and claims on restart and is not shared between instances. Set ConnectionStrings__Redis (e.g. 'my-redis:6380,ssl=true,password=...').")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<StateStoreStartupReport>();
        services.AddHealthChecks().AddCheck<StateStoreHealthCheck>(StateStoreHealthCheck.Name, tags: ["ready"]);

        if (useRedis)
        {
            services.TryAddSingleton<IConnectionMultiplexer>(_ => RedisConnection.Connect(connectionString!));
            services.TryAddSingleton<IStateStore, RedisStateStore>();
            services.AddStackExchangeRedisCache(_ => { });
            services.AddOptions<RedisCacheOptions>()
                .Configure<IConnectionMultiplexer, IOptions<StateStoreOptions>>((cache, multiplexer, state) =>
                {
                    cache.ConnectionMultiplexerFactory = () => Task.FromResult(multiplexer);
                    cache.InstanceName = state.Value.KeyPrefix + ":cache:";
                });
        }
        else
        {
            services.TryAddSingleton<IStateStore, InMemoryStateStore>();
            services.AddDistributedMemoryCache();
        }

        return services;
    }
}

/// <summary>Says at start which store is in use, so a forgotten connection string is visible in the logs.</summary>
internal sealed class StateStoreStartupReport(IOptions<StateStoreOptions> options, ILogger<StateStoreStartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.RedisConnectionString))
        {
            logger.UsingInMemoryStore();
        }
        else
        {
            logger.UsingRedisStore(RedisConnection.DescribeEndpoints(settings.RedisConnectionString), settings.KeyPrefix);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
