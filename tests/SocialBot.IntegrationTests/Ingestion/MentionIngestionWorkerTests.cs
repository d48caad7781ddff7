using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SocialBot.Bot.Ingestion;
using SocialBot.Bot.State;
using SocialBot.IntegrationTests.State;
using SocialBot.Testing;
using StackExchange.Redis;

namespace SocialBot.IntegrationTests.Ingestion;

[Collection(RedisCollection.Name)]
public sealed class MentionIngestionWorkerTests(RedisServerFixture redis) : IAsyncLifetime
{
    private const string Tenant = IngestionTestHost.Tenant;
    private IConnectionMultiplexer? _connection;
    private RedisStateStore _store = null!;
    private MentionQueue _queue = null!;

    public async Task InitializeAsync()
    {
        _connection = await ConnectionMultiplexer.ConnectAsync(RedisConnection.ParseOptions(redis.ConnectionString));
        _store = new RedisStateStore(_connection, Options.Create(new StateStoreOptions { KeyPrefix = redis.NewKeyPrefix() }));
        _queue = new MentionQueue(_store, Options.Create(new MentionRetentionOptions()));
    }

    public async Task DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task PostedMentions_DefaultProcessor_AreStoredIndexedAndAcknowledged()
    {
        await using var host = await IngestionTestHost.StartAsync(redis.ConnectionString, redis.NewKeyPrefix());
        using var response = await host.PostSignedAsync(MentionJson.Many(["e1", "e2", "e3"]));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var store = host.Store;

        Assert.True(await Eventually.TrueAsync(async () =>
            await store.SortedSetCountAsync(StoringMentionProcessor.TimeIndexKey(Tenant)) == 3 &&
            await store.StreamLengthAsync(MentionQueue.Stream) == 0 &&
            await store.StreamPendingCountAsync(MentionQueue.Stream, MentionQueue.Group) == 0));

        var stored = await store.GetAsync(StoringMentionProcessor.DocumentKey(Mention("e2")));
        var mention = JsonSerializer.Deserialize(stored!.Utf8Json.Span, IngestionJsonContext.Default.IncomingMention)!;
        Assert.Equal(("e2", "SocialBot is great e2", 1200L), (mention.Id, mention.Text, mention.Author.Followers ?? 0));
    }

    [Fact]
    public async Task PostedMentions_ReplacedProcessor_EachProcessedOnce()
    {
        var recorder = new RecordingMentionProcessor();
        await using var host = await IngestionTestHost.StartAsync(
            redis.ConnectionString,
            redis.NewKeyPrefix(),
            configureServices: services => services.AddSingleton<IMentionProcessor>(recorder));

        using var first = await host.PostSignedAsync(MentionJson.Many(["r1", "r2"]));
        using var again = await host.PostSignedAsync(MentionJson.Many(["r1", "r2", "r3"]));

        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(recorder.Deliveries.Count == 3)));
        Assert.True(await Eventually.TrueAsync(async () => await host.Store.StreamLengthAsync(MentionQueue.Stream) == 0));
        Assert.All(recorder.Deliveries.Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task ConsumerDiesWithoutAck_AnotherWorkerReclaims_ProcessesEachExactlyOnce()
    {
        var ids = Enumerable.Range(0, 6).Select(i => $"c{i}").ToArray();
        foreach (var id in ids)
        {
            await _queue.EnqueueAsync(Mention(id), default);
        }

        await _store.EnsureConsumerGroupAsync(MentionQueue.Stream, MentionQueue.Group);
        var taken = await _store.StreamReadAsync(MentionQueue.Stream, MentionQueue.Group, "dead-consumer", 4);
        Assert.Equal(4, taken.Count);

        // The dead consumer never acknowledges; the survivor must take its entries over after the idle time.
        var recorder = new RecordingMentionProcessor();
        var survivor = NewWorker(recorder, reclaimIdle: TimeSpan.FromMilliseconds(300));
        await survivor.StartAsync(default);
        try
        {
            Assert.True(await Eventually.TrueAsync(async () =>
                recorder.Deliveries.Count == ids.Length &&
                await _store.StreamPendingCountAsync(MentionQueue.Stream, MentionQueue.Group) == 0 &&
                await _store.StreamLengthAsync(MentionQueue.Stream) == 0));
        }
        finally
        {
            await survivor.StopAsync(default);
        }

        Assert.Equal(ids, recorder.Deliveries.Keys.Order());
        Assert.All(recorder.Deliveries.Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task TwoWorkersSharingTheStream_ProcessEveryMentionOnce()
    {
        var ids = Enumerable.Range(0, 120).Select(i => $"s{i:D3}").ToArray();
        var recorder = new RecordingMentionProcessor { OnProcess = async _ => await Task.Yield() };
        var workers = new[] { NewWorker(recorder, batchSize: 5), NewWorker(recorder, batchSize: 5) };
        foreach (var worker in workers)
        {
            await worker.StartAsync(default);
        }

        try
        {
            foreach (var id in ids)
            {
                await _queue.EnqueueAsync(Mention(id), default);
            }

            Assert.True(await Eventually.TrueAsync(async () =>
                recorder.Deliveries.Count == ids.Length &&
                await _store.StreamLengthAsync(MentionQueue.Stream) == 0));
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.StopAsync(default);
            }
        }

        Assert.Equal(ids, recorder.Deliveries.Keys.Order());
        Assert.All(recorder.Deliveries.Values, count => Assert.Equal(1, count));
        Assert.Equal(0, await _store.StreamPendingCountAsync(MentionQueue.Stream, MentionQueue.Group));
    }

    [Fact]
    public async Task DuplicateEntryForAnAcceptedMention_IsAcknowledgedWithoutProcessing()
    {
        await _queue.EnqueueAsync(Mention("dup"), default);
        // What a crash between append and claim leaves behind when the sender then retries.
        await _store.StreamAppendAsync(MentionQueue.Stream, JsonSerializer.Serialize(Mention("dup"), IngestionJsonContext.Default.IncomingMention));
        var recorder = new RecordingMentionProcessor();
        var worker = NewWorker(recorder);

        await worker.StartAsync(default);
        try
        {
            Assert.True(await Eventually.TrueAsync(async () => await _store.StreamLengthAsync(MentionQueue.Stream) == 0));
        }
        finally
        {
            await worker.StopAsync(default);
        }

        Assert.Equal(1, recorder.Deliveries["dup"]);
    }

    [Fact]
    public async Task ProcessorFailsTwice_RetriedWithBackOff_ThenAcknowledged()
    {
        var failures = 0;
        var recorder = new RecordingMentionProcessor
        {
            OnProcess = _ => Interlocked.Increment(ref failures) <= 2 ? throw new InvalidOperationException("scoring service down") : Task.CompletedTask,
        };
        await _queue.EnqueueAsync(Mention("flaky"), default);
        var worker = NewWorker(recorder);

        await worker.StartAsync(default);
        try
        {
            Assert.True(await Eventually.TrueAsync(async () =>
                recorder.Deliveries.ContainsKey("flaky") && await _store.StreamLengthAsync(MentionQueue.Stream) == 0));
        }
        finally
        {
            await worker.StopAsync(default);
        }

        Assert.Equal(3, failures);
        Assert.Empty(await _store.ListRangeAsync(MentionQueue.DeadLetters));
    }

    [Fact]
    public async Task ProcessorAlwaysFails_AfterMaxAttempts_ParkedInDeadLettersNotLost()
    {
        var recorder = new RecordingMentionProcessor { OnProcess = _ => throw new InvalidOperationException("always broken") };
        await _queue.EnqueueAsync(Mention("poison"), default);
        var worker = NewWorker(recorder, maxAttempts: 3);

        await worker.StartAsync(default);
        try
        {
            Assert.True(await Eventually.TrueAsync(async () => (await _store.ListLengthAsync(MentionQueue.DeadLetters)) == 1));
        }
        finally
        {
            await worker.StopAsync(default);
        }

        var letter = JsonSerializer.Deserialize((await _store.ListRangeAsync(MentionQueue.DeadLetters)).Single(), IngestionJsonContext.Default.DeadLetter)!;
        Assert.Contains("always broken", letter.Reason, StringComparison.Ordinal);
        Assert.Equal("poison", JsonSerializer.Deserialize(letter.Payload, IngestionJsonContext.Default.IncomingMention)!.Id);
        Assert.Equal(0, await _store.StreamLengthAsync(MentionQueue.Stream));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"tenantId\":\"{bad}\",\"id\":\"1\",\"source\":\"x\",\"author\":{},\"text\":\"t\",\"createdAt\":\"2025-03-01T09:30:00Z\"}")]
    public async Task UnusableQueueEntry_ParkedInDeadLetters_AndTheQueueMovesOn(string payload)
    {
        await _store.StreamAppendAsync(MentionQueue.Stream, payload);
        await _queue.EnqueueAsync(Mention("next"), default);
        var recorder = new RecordingMentionProcessor();
        var worker = NewWorker(recorder);

        await worker.StartAsync(default);
        try
        {
            Assert.True(await Eventually.TrueAsync(async () =>
                recorder.Deliveries.ContainsKey("next") && await _store.StreamLengthAsync(MentionQueue.Stream) == 0));
        }
        finally
        {
            await worker.StopAsync(default);
        }

        var letter = JsonSerializer.Deserialize((await _store.ListRangeAsync(MentionQueue.DeadLetters)).Single(), IngestionJsonContext.Default.DeadLetter)!;
        Assert.Equal(payload, letter.Payload);
    }

    [Fact]
    public async Task Shutdown_DuringProcessing_FinishesCurrentAndLeavesTheRestPending()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var recorder = new RecordingMentionProcessor
        {
            OnProcess = async _ =>
            {
                entered.TrySetResult();
                await release.Task;
            },
        };
        foreach (var id in new[] { "g1", "g2", "g3" })
        {
            await _queue.EnqueueAsync(Mention(id), default);
        }

        // One at a time, so "the current one" is a single mention: the others have not started and must stay queued.
        var worker = NewWorker(recorder, concurrency: 1);
        await worker.StartAsync(default);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(20));

        var stopping = worker.StopAsync(default);
        release.SetResult();
        await stopping;

        Assert.Equal(["g1"], recorder.Deliveries.Keys);
        Assert.Equal(2, await _store.StreamLengthAsync(MentionQueue.Stream));
        Assert.Equal(2, await _store.StreamPendingCountAsync(MentionQueue.Stream, MentionQueue.Group));
    }

    [Fact]
    public async Task RedisRestarts_WorkerKeepsGoing_AndProcessesMentionsQueuedAfterwards()
    {
        await using var server = await RedisServer.StartNewAsync();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(RedisConnection.ParseOptions(server.ConnectionString));
        var store = new RedisStateStore(connection, Options.Create(new StateStoreOptions { KeyPrefix = "worker-outage" }));
        var queue = new MentionQueue(store, Options.Create(new MentionRetentionOptions()));
        var recorder = new RecordingMentionProcessor();
        var worker = NewWorker(recorder, store: store, queue: queue);
        await worker.StartAsync(default);
        try
        {
            await queue.EnqueueAsync(Mention("before"), default);
            Assert.True(await Eventually.TrueAsync(() => Task.FromResult(recorder.Deliveries.ContainsKey("before"))));

            await server.StopAsync();
            await Task.Delay(TimeSpan.FromSeconds(1));
            await server.StartAsync();

            Assert.True(await Eventually.TrueAsync(async () =>
            {
                try
                {
                    await queue.EnqueueAsync(Mention("after"), default);
                    return true;
                }
                catch (StoreUnavailableException)
                {
                    return false;
                }
            }, TimeSpan.FromSeconds(40)));
            Assert.True(await Eventually.TrueAsync(() => Task.FromResult(recorder.Deliveries.ContainsKey("after")), TimeSpan.FromSeconds(40)));
        }
        finally
        {
            await worker.StopAsync(default);
        }

        Assert.Equal(1, recorder.Deliveries["before"]);
        Assert.Equal(1, recorder.Deliveries["after"]);
    }

    [Fact]
    public void AddMentionIngestion_RunWorkerFalse_RegistersNoWorker()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Ingestion:RunWorker"] = "false" })
            .Build();
        var services = new ServiceCollection().AddMentionIngestion(configuration);

        Assert.DoesNotContain(services, service => service.ImplementationType == typeof(MentionIngestionWorker));
        Assert.Contains(services, service => service.ServiceType == typeof(IMentionProcessor) && service.ImplementationType == typeof(StoringMentionProcessor));
    }

    private MentionIngestionWorker NewWorker(
        IMentionProcessor processor,
        TimeSpan? reclaimIdle = null,
        int batchSize = 10,
        int maxAttempts = 8,
        IStateStore? store = null,
        MentionQueue? queue = null,
        int concurrency = 8)
    {
        var options = new IngestionOptions
        {
            WorkerBatchSize = batchSize,
            WorkerConcurrency = concurrency,
            PollInterval = TimeSpan.FromMilliseconds(50),
            ReclaimIdleTime = reclaimIdle ?? TimeSpan.FromMinutes(5),
            RetryDelay = TimeSpan.FromMilliseconds(50),
            MaxProcessingAttempts = maxAttempts,
        };
        return new MentionIngestionWorker(
            store ?? _store,
            queue ?? _queue,
            processor,
            Options.Create(options),
            Options.Create(new MentionRetentionOptions()),
            TimeProvider.System,
            NullLogger<MentionIngestionWorker>.Instance);
    }

    private static IncomingMention Mention(string id) => new()
    {
        TenantId = Tenant,
        Id = id,
        Source = MentionSource.X,
        Author = new MentionAuthor("@ada", "Ada", 1200),
        Text = "SocialBot is great " + id,
        CreatedAt = new DateTimeOffset(2025, 3, 1, 9, 30, 0, TimeSpan.Zero),
    };
}
