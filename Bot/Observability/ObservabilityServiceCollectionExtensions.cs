using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SocialBot.Bot.Observability.Health;
using SocialBot.Bot.Protocol.Connector;
using SocialBot.Bot.Protocol.Hosting;

namespace SocialBot.Bot.Observability;

internal static class ObservabilityServiceCollectionExtensions
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Telemetry (<see cref="BotTelemetry"/>; OpenTelemetry traces, metrics and logs over OTLP when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; Prometheus text at <c>/metrics</c> when
    /// <c>Observability:MetricsEndpoint=true</c>), the readiness checks (signing keys, background workers) and the
    /// graceful shutdown timeout (<c>Shutdown:Timeout</c>). Map with <see cref="MapObservability"/>.
    /// </summary>
    public static IServiceCollection AddObservability(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);

        services.AddOptions<ObservabilityOptions>()
            .Bind(configuration.GetSection(ObservabilityOptions.Section))
            .Validate(o => o.MetricsPath.StartsWith('/') && o.MetricsPath.Length > 1, "Observability:MetricsPath must start with '/' (for example /metrics).")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ServiceName), "Observability:ServiceName must not be empty.")
            .ValidateOnStart();
        services.AddOptions<ShutdownOptions>()
            .Bind(configuration.GetSection(ShutdownOptions.Section))
            .Validate(o => o.Timeout >= TimeSpan.FromSeconds(1) && o.Timeout <= TimeSpan.FromMinutes(10), "Shutdown:Timeout must be between 00:00:01 and 00:10:00.")
            .ValidateOnStart();
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) => host.ShutdownTimeout = shutdown.Value.Timeout);

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<BotTelemetry>();
        services.TryAddSingleton<WorkerHeartbeats>();
        services.TryAddSingleton<IWorkerHeartbeats>(sp => sp.GetRequiredService<WorkerHeartbeats>());
        services.AddTransient<ConnectorCallMetricsHandler>();
        // Same typed client as AddConnector registers: this only adds the counting handler to its pipeline.
        services.AddHttpClient<IConnectorClient, ConnectorClient>().AddHttpMessageHandler<ConnectorCallMetricsHandler>();

        services.AddHealthChecks()
            .AddCheck<SigningKeysHealthCheck>(SigningKeysHealthCheck.Name, tags: [HealthEndpoints.ReadyTag])
            .AddCheck<BackgroundWorkersHealthCheck>(BackgroundWorkersHealthCheck.Name, tags: [HealthEndpoints.ReadyTag]);

        var settings = configuration.GetSection(ObservabilityOptions.Section).Get<ObservabilityOptions>() ?? new ObservabilityOptions();
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]);
        if (!otlp && !settings.MetricsEndpoint)
        {
            // Nothing would export: the instruments stay cheap no-ops without a listener.
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(settings.ServiceName, serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(BotTelemetry.Name).AddAspNetCoreInstrumentation();
                if (settings.MetricsEndpoint)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddSource(BotTelemetry.Name)
                    // Probes and scrapes every few seconds are noise, not traces.
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsOperationalPath(http.Request.Path, settings.MetricsPath))
                    .AddOtlpExporter())
                .WithLogging(logging => logging.AddOtlpExporter(), options => options.IncludeScopes = true);
        }

        return services;
    }

    /// <summary>Maps <c>/metrics</c> when <c>Observability:MetricsEndpoint=true</c>; otherwise the path stays 404.</summary>
    public static IEndpointRouteBuilder MapObservability(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var settings = endpoints.ServiceProvider.GetRequiredService<IOptions<ObservabilityOptions>>().Value;
        if (settings.MetricsEndpoint)
        {
            endpoints.MapPrometheusScrapingEndpoint(settings.MetricsPath);
        }

        return endpoints;
    }

    private static bool IsOperationalPath(PathString path, string metricsPath) =>
        path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments(metricsPath);
}
