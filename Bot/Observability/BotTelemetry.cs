using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace SocialBot.Bot.Observability;

/// <summary>
/// The bot's own meter and activity source. Every instrument lives here so names and tags stay consistent
/// (and bounded: tags carry kinds and outcomes, never ids or text). Slices record through the methods below.
/// </summary>
internal sealed class BotTelemetry : IDisposable
{
    public const string Name = "SocialBot";

    /// <summary>Spans for turns; a static source is what OpenTelemetry subscribes to by name.</summary>
    public static readonly ActivitySource Source = new(Name);

    private readonly Meter meter;
    private readonly Counter<long> turns;
    private readonly Histogram<double> turnDuration;
    private readonly Histogram<double> invokeDuration;
    private readonly Counter<long> connectorCalls;
    private readonly Counter<long> connectorThrottled;
    private readonly Histogram<double> queueLag;
    private readonly Counter<long> digestDeliveries;
    private readonly Counter<long> approvalsDecided;

    public BotTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        meter = meterFactory.Create(Name);
        turns = meter.CreateCounter<long>("socialbot.turns", "{turn}", "Turns processed, by activity type and outcome.");
        turnDuration = meter.CreateHistogram<double>("socialbot.turn.duration", "s", "Time to process a turn, by activity type and outcome.");
        invokeDuration = meter.CreateHistogram<double>("socialbot.invoke.duration", "s", "Time to answer an invoke (Teams waits for it), by invoke name and outcome.");
        connectorCalls = meter.CreateCounter<long>("socialbot.connector.calls", "{call}", "HTTP calls to the Bot Connector, by method and status code (each retry counts).");
        connectorThrottled = meter.CreateCounter<long>("socialbot.connector.throttled", "{response}", "Bot Connector answers with 429 Too Many Requests.");
        queueLag = meter.CreateHistogram<double>("socialbot.ingestion.queue.lag", "s", "Time from a mention entering the ingestion queue to a worker picking it up.");
        digestDeliveries = meter.CreateCounter<long>("socialbot.digest.deliveries", "{digest}", "Digests delivered (or not), by outcome.");
        approvalsDecided = meter.CreateCounter<long>("socialbot.approvals.decided", "{decision}", "Approval decisions recorded, by decision.");
    }

    /// <summary>Starts measuring one turn; set <see cref="TurnMeasurement.Outcome"/> and dispose it when the turn ends.</summary>
    public TurnMeasurement MeasureTurn(string? activityType, string? invokeName, TimeProvider clock) =>
        new(this, Bounded(activityType), invokeName is null ? null : Bounded(invokeName), clock);

    public void RecordConnectorCall(string method, int statusCode)
    {
        connectorCalls.Add(1, new("http.request.method", method), new("http.response.status_code", statusCode));
        if (statusCode == 429)
        {
            connectorThrottled.Add(1);
        }
    }

    /// <summary>
    /// Records how long a stream entry waited. Stream entry ids start with their creation time in Unix milliseconds
    /// (<c>1733380000000-0</c>); ids in another shape are ignored.
    /// </summary>
    public void RecordQueueLag(string streamEntryId, DateTimeOffset now)
    {
        var dash = streamEntryId.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0 && long.TryParse(streamEntryId.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
        {
            var lag = now - DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
            queueLag.Record(Math.Max(0, lag.TotalSeconds));
        }
    }

    /// <summary>One digest run for one subscription: <c>sent</c>, <c>sent-late</c>, <c>skipped-empty</c>, <c>failed</c>.</summary>
    public void RecordDigestDelivered(string outcome) => digestDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", Bounded(outcome)));

    /// <summary>One recorded decision: <c>approved</c>, <c>changes-requested</c>, <c>rejected</c>, <c>expired</c>.</summary>
    public void RecordApprovalDecided(string decision) => approvalsDecided.Add(1, new KeyValuePair<string, object?>("decision", Bounded(decision)));

    public void Dispose() => meter.Dispose();

    internal void RecordTurn(string activityType, string? invokeName, string outcome, TimeSpan elapsed)
    {
        var type = new KeyValuePair<string, object?>("activity.type", activityType);
        var result = new KeyValuePair<string, object?>("outcome", outcome);
        turns.Add(1, type, result);
        turnDuration.Record(elapsed.TotalSeconds, type, result);
        if (invokeName is not null)
        {
            invokeDuration.Record(elapsed.TotalSeconds, new("invoke.name", invokeName), result);
        }
    }

    // Tag values come from the wire; cap them so a hostile sender cannot create unbounded series.
    private static string Bounded(string? value) =>
        string.IsNullOrEmpty(value) ? "none" : value.Length <= 40 ? value.ToLowerInvariant() : "other";
}

/// <summary>One turn being measured: a span plus the turn counters and duration histograms when disposed.</summary>
internal sealed class TurnMeasurement : IDisposable
{
    public const string Handled = "handled";
    public const string Duplicate = "duplicate";
    public const string Refused = "refused";
    public const string Invalid = "invalid";
    public const string Failed = "failed";

    private readonly BotTelemetry telemetry;
    private readonly string activityType;
    private readonly string? invokeName;
    private readonly TimeProvider clock;
    private readonly long started;
    private readonly Activity? span;

    internal TurnMeasurement(BotTelemetry telemetry, string activityType, string? invokeName, TimeProvider clock)
    {
        this.telemetry = telemetry;
        this.activityType = activityType;
        this.invokeName = invokeName;
        this.clock = clock;
        started = clock.GetTimestamp();
        span = BotTelemetry.Source.StartActivity("turn " + activityType, ActivityKind.Internal);
        span?.SetTag("activity.type", activityType);
        span?.SetTag("invoke.name", invokeName);
    }

    /// <summary>What became of the turn; <see cref="Handled"/> unless set.</summary>
    public string Outcome { get; set; } = Handled;

    public void Dispose()
    {
        telemetry.RecordTurn(activityType, invokeName, Outcome, clock.GetElapsedTime(started));
        if (span is not null)
        {
            span.SetTag("outcome", Outcome);
            if (Outcome == Failed)
            {
                span.SetStatus(ActivityStatusCode.Error);
            }

            span.Dispose();
        }
    }
}
