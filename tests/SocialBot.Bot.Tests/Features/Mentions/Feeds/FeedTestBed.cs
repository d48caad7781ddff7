using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SocialBot.Bot.Features.Mentions.Feeds;
using SocialBot.Bot.Ingestion;
using SocialBot.Bot.Proactive;
using SocialBot.Bot.Protocol.Schema;
using SocialBot.Bot.State;
using SocialBot.Bot.Turns;

namespace SocialBot.Bot.Tests.Features.Mentions.Feeds;

/// <summary>The feed slice over the in-memory store, a fake clock and a stub HTTP client.</summary>
internal sealed class FeedTestBed
{
    public const string Tenant = "tenant-a";

    public FeedTestBed(FeedOptions? settings = null)
    {
        Settings = settings ?? new FeedOptions();
        Store = new InMemoryStateStore(Clock);
        Feeds = new FeedStore(Store, Options.Create(Settings), Clock);
        Queue = new MentionQueue(Store, Options.Create(new MentionRetentionOptions()));
        Fetcher = new FeedFetcher(Feeds, Queue, Http, Options.Create(Settings), Clock, NullLogger<FeedFetcher>.Instance);
        Tracker = new FeedTracker(Feeds, Fetcher, Options.Create(Settings), Clock);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public FeedOptions Settings { get; }

    public InMemoryStateStore Store { get; }

    public StubFeedHttp Http { get; } = new();

    public FeedStore Feeds { get; }

    public MentionQueue Queue { get; }

    public FeedFetcher Fetcher { get; }

    public FeedTracker Tracker { get; }

    public static TurnContext Turn(string conversationId = "19:channel@thread.tacv2")
    {
        var activity = new Activity
        {
            Type = "message",
            Text = "track feed",
            ServiceUrl = "https://smba.example/",
            Conversation = new ConversationAccount { Id = conversationId, TenantId = Tenant },
            From = new ChannelAccount { Id = "29:user", Name = "Adele", AadObjectId = "user-1" },
        };
        return new TurnContext(activity, ConversationReference.FromActivity(activity, DateTimeOffset.UnixEpoch), Moq.Mock.Of<IProactiveSender>(), TimeProvider.System);
    }

    public async Task<FeedState> StateAsync(TurnContext turn) =>
        (await Feeds.StateAsync(turn.TenantId, (await Feeds.ListAsync(turn.TenantId, turn.ConversationId, default)).Single().FeedId, default))!;

    public async Task<IReadOnlyList<IncomingMention>> QueuedAsync()
    {
        await Store.EnsureConsumerGroupAsync(MentionQueue.Stream, MentionQueue.Group);
        var entries = await Store.StreamReadAsync(MentionQueue.Stream, MentionQueue.Group, "test", 1000);
        return [.. entries.Select(e => System.Text.Json.JsonSerializer.Deserialize(e.Payload, IngestionJsonContext.Default.IncomingMention)!)];
    }
}
