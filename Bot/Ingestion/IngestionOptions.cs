namespace SocialBot.Bot.Ingestion;

/// <summary>Settings of <c>POST /api/mentions</c> and of the queue worker (section <c>Ingestion</c>).</summary>
internal sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    /// <summary>HMAC secret shared with the senders. Without it the endpoint answers 503 and accepts nothing.</summary>
    public string? Secret { get; set; }

    /// <summary>Queued and unfinished mentions above which new posts get 429.</summary>
    public long MaxBacklog { get; set; } = 50_000;

    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    public int MaxItems { get; set; } = 500;

    /// <summary>How far <c>X-SocialBot-Timestamp</c> may be from now, either way.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>False on instances that only accept mentions and leave processing to others.</summary>
    public bool RunWorker { get; set; } = true;

    public int WorkerBatchSize { get; set; } = 64;

    /// <summary>
    /// Mentions of one batch processed at the same time. Each mention's steps are idempotent and atomic, so the order
    /// between mentions does not matter; most of a mention's time is spent waiting on Redis round trips.
    /// </summary>
    public int WorkerConcurrency { get; set; } = 8;

    /// <summary>How long the worker waits before asking again when the queue was empty.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Entries delivered to a consumer and unacknowledged this long are taken over by another one.</summary>
    public TimeSpan ReclaimIdleTime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>First wait after a failed attempt; it doubles per attempt up to 30 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Failed attempts after which a mention is parked in the dead-letter list instead of retried again.</summary>
    public int MaxProcessingAttempts { get; set; } = 8;
}

/// <summary>Section <c>Mentions</c>.</summary>
internal sealed class MentionRetentionOptions
{
    public const string Section = "Mentions";

    public int RetentionDays { get; set; } = 30;

    public TimeSpan Retention => TimeSpan.FromDays(RetentionDays);
}
