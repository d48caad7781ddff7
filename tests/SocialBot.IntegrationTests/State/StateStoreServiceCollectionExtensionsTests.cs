using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialBot.Bot.State;
using SocialBot.Testing;
using StackExchange.Redis;

namespace SocialBot.IntegrationTests.State;

[Collection(RedisCollection.Name)]
public sealed class StateStoreServiceCollectionExtensionsTests(RedisServerFixture redis)
{
    [Fact]
    public async Task AddStateStore_ProductionWithoutRedis_FailsAtStartNamingTheSetting()
    {
        using var host = BuildHost(Environments.Production, redisConnectionString: null, new CapturingLoggerProvider());

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ConnectionStrings:Redis", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddStateStore_DevelopmentWithoutRedis_UsesInMemoryAndWarns()
    {
        var logs = new CapturingLoggerProvider();
        using var host = BuildHost(Environments.Development, redisConnectionString: null, logs);

        await host.StartAsync();

        Assert.IsType<InMemoryStateStore>(host.Services.GetRequiredService<IStateStore>());
        Assert.IsType<MemoryDistributedCache>(host.Services.GetRequiredService<IDistributedCache>());
        Assert.Null(host.Services.GetService<IConnectionMultiplexer>());
        Assert.Contains(logs.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.Contains("in-memory state store", StringComparison.Ordinal));
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Tags.Contains("ready"));
        Assert.Equal(HealthStatus.Healthy, report.Entries[StateStoreHealthCheck.Name].Status);
        await host.StopAsync();
    }

    [Fact]
    public async Task AddStateStore_WithRedis_StoreAndCacheShareOneMultiplexer()
    {
        using var host = BuildHost(Environments.Production, redis.ConnectionString, new CapturingLoggerProvider(), redis.NewKeyPrefix());

        await host.StartAsync();

        var multiplexer = host.Services.GetRequiredService<IConnectionMultiplexer>();
        Assert.IsType<RedisStateStore>(host.Services.GetRequiredService<IStateStore>());
        var cacheOptions = host.Services.GetRequiredService<IOptions<RedisCacheOptions>>().Value;
        Assert.Same(multiplexer, await cacheOptions.ConnectionMultiplexerFactory!());
        var cache = host.Services.GetRequiredService<IDistributedCache>();
        await cache.SetStringAsync("token", "value");
        Assert.Equal("value", await cache.GetStringAsync("token"));
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Tags.Contains("ready"));
        Assert.Equal(HealthStatus.Healthy, report.Entries[StateStoreHealthCheck.Name].Status);
        await host.StopAsync();
    }

    private static IHost BuildHost(string environment, string? redisConnectionString, ILoggerProvider logs, string keyPrefix = "socialbot")
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = redisConnectionString,
            ["State:KeyPrefix"] = keyPrefix,
        });
        builder.Logging.AddProvider(logs);
        builder.Services.AddStateStore(builder.Configuration, builder.Environment);
        return builder.Build();
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(Entries);

        public void Dispose()
        {
        }

        private sealed class CapturingLogger(ConcurrentQueue<(LogLevel Level, string Message)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue((logLevel, formatter(state, exception)));
        }
    }
}
