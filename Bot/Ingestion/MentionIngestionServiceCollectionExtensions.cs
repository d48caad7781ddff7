using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SocialBot.Bot.Ingestion;

internal static class MentionIngestionServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <c>/api/mentions</c> pieces, the queue, the default <see cref="IMentionProcessor"/> (replaceable:
    /// register yours before or after, the last registration wins) and, unless <c>Ingestion:RunWorker</c> is false,
    /// the <see cref="MentionIngestionWorker"/>. Needs <c>AddStateStore</c>. Map the endpoint with <c>MapMentionIngestion()</c>.
    /// </summary>
    public static IServiceCollection AddMentionIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<IngestionOptions>()
            .Bind(configuration.GetSection(IngestionOptions.Section))
            .Validate(o => o.Secret is null || o.Secret.Length >= 16, "Ingestion:Secret must be at least 16 characters (leave it unset to turn ingestion off).")
            .Validate(o => o.MaxBacklog >= 1, "Ingestion:MaxBacklog must be at least 1.")
            .Validate(o => o.MaxBodyBytes is >= 1024 and <= 16 * 1024 * 1024, "Ingestion:MaxBodyBytes must be between 1024 and 16777216.")
            .Validate(o => o.MaxItems is >= 1 and <= 10_000, "Ingestion:MaxItems must be between 1 and 10000.")
            .Validate(o => o.ClockSkew >= TimeSpan.FromSeconds(1) && o.ClockSkew <= TimeSpan.FromHours(1), "Ingestion:ClockSkew must be between 00:00:01 and 01:00:00.")
            .Validate(o => o.WorkerBatchSize is >= 1 and <= 1000, "Ingestion:WorkerBatchSize must be between 1 and 1000.")
            .Validate(o => o.WorkerConcurrency is >= 1 and <= 64, "Ingestion:WorkerConcurrency must be between 1 and 64.")
            .Validate(o => o.PollInterval > TimeSpan.Zero, "Ingestion:PollInterval must be positive.")
            .Validate(o => o.ReclaimIdleTime >= TimeSpan.FromMilliseconds(100), "Ingestion:ReclaimIdleTime must be at least 00:00:00.1.")
            .Validate(o => o.RetryDelay > TimeSpan.Zero, "Ingestion:RetryDelay must be positive.")
            .Validate(o => o.MaxProcessingAttempts >= 1, "Ingestion:MaxProcessingAttempts must be at least 1.")
            .ValidateOnStart();
        services.AddOptions<MentionRetentionOptions>()
            .Bind(configuration.GetSection(MentionRetentionOptions.Section))
            .Validate(o => o.RetentionDays is >= 1 and <= 3650, "Mentions:RetentionDays must be between 1 and 3650.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IKnownTenants>(_ => new ConfiguredKnownTenants(configuration));
        services.TryAddSingleton<MentionQueue>();
        services.TryAddSingleton<IMentionProcessor, StoringMentionProcessor>();
        if (configuration.GetValue(IngestionOptions.Section + ":" + nameof(IngestionOptions.RunWorker), defaultValue: true))
        {
            services.AddHostedService<MentionIngestionWorker>();
        }

        return services;
    }
}
