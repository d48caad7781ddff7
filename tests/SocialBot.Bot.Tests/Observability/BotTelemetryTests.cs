using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SocialBot.Bot.Observability;

namespace SocialBot.Bot.Tests.Observability;

public sealed class BotTelemetryTests : IDisposable
{
    private readonly ServiceProvider services;
    private readonly BotTelemetry telemetry;
    private readonly MeterListener listener = new();
    private readonly List<(string Instrument, double Value, Dictionary<string, object?> Tags)> measurements = [];

    public BotTelemetryTests()
    {
        services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        telemetry = new BotTelemetry(services.GetRequiredService<IMeterFactory>());
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == BotTelemetry.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        listener.Start();
    }

    [Fact]
    public void MeasureTurn_InvokeFailed_CountsTurnAndRecordsInvokeDurationWithOutcome()
    {
        var clock = new FakeTimeProvider();
        using (var turn = telemetry.MeasureTurn("invoke", "adaptiveCard/action", clock))
        {
            clock.Advance(TimeSpan.FromMilliseconds(250));
            turn.Outcome = TurnMeasurement.Failed;
        }

        var count = Assert.Single(measurements, m => m.Instrument == "socialbot.turns");
        Assert.Equal("invoke", count.Tags["activity.type"]);
        Assert.Equal("failed", count.Tags["outcome"]);
        var invoke = Assert.Single(measurements, m => m.Instrument == "socialbot.invoke.duration");
        Assert.Equal(0.25, invoke.Value, 3);
        Assert.Equal("adaptivecard/action", invoke.Tags["invoke.name"]);
    }

    [Fact]
    public void MeasureTurn_HostileActivityType_TagBounded()
    {
        using (telemetry.MeasureTurn(new string('x', 500), null, TimeProvider.System))
        {
        }

        Assert.Equal("other", Assert.Single(measurements, m => m.Instrument == "socialbot.turns").Tags["activity.type"]);
        Assert.DoesNotContain(measurements, m => m.Instrument == "socialbot.invoke.duration");
    }

    [Fact]
    public void RecordQueueLag_StreamEntryId_SecondsSinceTheIdTime()
    {
        var added = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

        telemetry.RecordQueueLag($"{added.ToUnixTimeMilliseconds()}-3", added.AddSeconds(4.5));
        telemetry.RecordQueueLag("not-a-stream-id", added);

        var lag = Assert.Single(measurements, m => m.Instrument == "socialbot.ingestion.queue.lag");
        Assert.Equal(4.5, lag.Value, 3);
    }

    [Fact]
    public void RecordConnectorCall_429_CountsCallAndThrottle()
    {
        telemetry.RecordConnectorCall("POST", 201);
        telemetry.RecordConnectorCall("POST", 429);

        Assert.Equal(2, measurements.Count(m => m.Instrument == "socialbot.connector.calls"));
        Assert.Single(measurements, m => m.Instrument == "socialbot.connector.throttled");
    }

    [Fact]
    public void RecordDigestAndApproval_Outcomes_CountedWithTags()
    {
        telemetry.RecordDigestDelivered("sent-late");
        telemetry.RecordApprovalDecided("approved");

        Assert.Equal("sent-late", Assert.Single(measurements, m => m.Instrument == "socialbot.digest.deliveries").Tags["outcome"]);
        Assert.Equal("approved", Assert.Single(measurements, m => m.Instrument == "socialbot.approvals.decided").Tags["decision"]);
    }

    public void Dispose()
    {
        listener.Dispose();
        telemetry.Dispose();
        services.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, item) in tags)
        {
            copy[key] = item;
        }

        lock (measurements)
        {
            measurements.Add((instrument.Name, value, copy));
        }
    }
}
