namespace SocialBot.Bot.Observability;

/// <summary>Section <c>Observability</c>. OTLP export is switched by the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable.</summary>
internal sealed class ObservabilityOptions
{
    public const string Section = "Observability";

    /// <summary>Serve Prometheus text metrics at <see cref="MetricsPath"/>. Off by default: metrics name workloads and
    /// should not be public; expose the path only inside the cluster (the compose nginx refuses it from outside).</summary>
    public bool MetricsEndpoint { get; set; }

    public string MetricsPath { get; set; } = "/metrics";

    /// <summary><c>service.name</c> of traces, metrics and logs.</summary>
    public string ServiceName { get; set; } = "socialbot";
}

/// <summary>Section <c>Shutdown</c>.</summary>
internal sealed class ShutdownOptions
{
    public const string Section = "Shutdown";

    /// <summary>
    /// How long stopping may take: Kestrel lets in-flight turns finish, workers finish the item in hand and leave the
    /// rest pending for other instances. Keep it below the orchestrator's grace period (Container Apps and Docker: 30 s
    /// by default; ours set 45 s).
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
