using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using SocialBot.Bot.Features.Digest;
using SocialBot.Bot.Observability;
using SocialBot.Bot.Proactive;
using SocialBot.Bot.Protocol.Connector;
using SocialBot.Bot.Protocol.Schema;
using SocialBot.Bot.State;

namespace SocialBot.Bot.Tests.Features.Digest;

public sealed class DigestDispatcherTests : IDisposable
{
    private const string Conversation = "19:team@thread.tacv2";
    private static readonly DigestSchedule Berlin9 = new(9, 0, "Europe/Berlin", false);
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 8, 7, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly InMemoryStateStore store;
    private readonly DigestSubscriptionStore subscriptions;
    private readonly Mock<IProactiveSender> sender = new();
    private readonly List<Activity> sent = [];

    public DigestDispatcherTests()
    {
        store = new InMemoryStateStore(time);
        subscriptions = new DigestSubscriptionStore(store);
        sender.Setup(s => s.SendAsync(It.IsAny<ConversationReference>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
            .Callback<ConversationReference, Activity, CancellationToken>((_, a, _) => sent.Add(a))
            .ReturnsAsync(new ResourceResponse("1"));
    }

    public void Dispose() => metrics.Dispose();

    [Fact]
    public async Task RunDueAsync_TwoInstancesAtTheDueTime_SendOnceAndMoveToTomorrow()
    {
        await SubscribeAsync();
        time.SetUtcNow(new DateTimeOffset(2026, 12, 8, 8, 0, 10, TimeSpan.Zero));

        var first = await Dispatcher().RunDueAsync(time.GetUtcNow(), CancellationToken.None);
        var second = await Dispatcher().RunDueAsync(time.GetUtcNow(), CancellationToken.None);

        Assert.Equal(1, first + second);
        Assert.Single(sent);
        Assert.Equal(new DateTimeOffset(2026, 12, 9, 8, 0, 0, TimeSpan.Zero), await subscriptions.EarliestAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RunDueAsync_MissedByTwoHours_SendsLateWithANote()
    {
        await SubscribeAsync();
        time.SetUtcNow(new DateTimeOffset(2026, 12, 8, 10, 0, 0, TimeSpan.Zero));

        await Dispatcher().RunDueAsync(time.GetUtcNow(), CancellationToken.None);

        Assert.Contains("Sent late", Assert.Single(sent).Attachments![0].Content.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunDueAsync_MissedBySevenHours_SkipsToTheNextDay()
    {
        await SubscribeAsync();
        time.SetUtcNow(new DateTimeOffset(2026, 12, 8, 15, 0, 0, TimeSpan.Zero));

        await Dispatcher().RunDueAsync(time.GetUtcNow(), CancellationToken.None);

        Assert.Empty(sent);
        Assert.Equal(new DateTimeOffset(2026, 12, 9, 8, 0, 0, TimeSpan.Zero), await subscriptions.EarliestAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RunDueAsync_Connector403_PausesTheSubscription()
    {
        await SubscribeAsync();
        sender.Setup(s => s.SendAsync(It.IsAny<ConversationReference>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConnectorException("send", HttpStatusCode.Forbidden, null, null));
        time.SetUtcNow(new DateTimeOffset(2026, 12, 8, 8, 0, 0, TimeSpan.Zero));

        await Dispatcher().RunDueAsync(time.GetUtcNow(), CancellationToken.None);

        Assert.True((await subscriptions.FindAsync("tenant-1", Conversation, CancellationToken.None))!.Paused);
        Assert.Null(await subscriptions.EarliestAsync(CancellationToken.None));
    }

    private async Task SubscribeAsync()
    {
        var reference = new ConversationReference { ChannelId = "msteams", ServiceUrl = "https://smba.example/", Conversation = new ConversationAccount { Id = Conversation }, TenantId = "tenant-1" };
        await subscriptions.SaveAsync(new DigestSubscription("tenant-1", Conversation, Berlin9, reference), Berlin9.Next(time.GetUtcNow()), CancellationToken.None);
    }

    [Fact]
    public async Task RunDueAsync_CrashAfterClaiming_AnotherInstanceSendsOnceTheLeaseRunsOut()
    {
        await SubscribeAsync();
        time.SetUtcNow(new DateTimeOffset(2026, 12, 8, 8, 0, 10, TimeSpan.Zero));
        // The crashed instance took the claim for today's digest and never sent it.
        Assert.True(await store.TryClaimAsync(StoreKey.For("tenant-1", "digest", "claim", StoreKey.Digest(Conversation), "2026-12-08"), "crashed-instance", new DigestOptions().ClaimLease, CancellationToken.None));

        Assert.Equal(0, await Dispatcher().RunDueAsync(time.GetUtcNow(), CancellationToken.None));
        time.Advance(new DigestOptions().ClaimLease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await Dispatcher().RunDueAsync(time.GetUtcNow(), CancellationToken.None));
        Assert.Equal(0, await Dispatcher().RunDueAsync(time.GetUtcNow(), CancellationToken.None));

        Assert.Single(sent);
    }

    [Fact]
    public async Task RunDueAsync_SentButNotRescheduled_NextInstanceMovesItOnWithoutSendingAgain()
    {
        await SubscribeAsync();
        var dueAt = new DateTimeOffset(2026, 12, 8, 8, 0, 0, TimeSpan.Zero);
        time.SetUtcNow(dueAt.AddSeconds(10));
        Assert.Equal(1, await Dispatcher().RunDueAsync(time.GetUtcNow(), CancellationToken.None));

        // The instance died after writing the sent marker, before moving the subscription on; its claim ran out.
        await subscriptions.ScheduleAsync("tenant-1|" + Conversation, dueAt, CancellationToken.None);
        time.Advance(new DigestOptions().ClaimLease + TimeSpan.FromSeconds(1));

        Assert.Equal(0, await Dispatcher().RunDueAsync(time.GetUtcNow(), CancellationToken.None));
        Assert.Single(sent);
        Assert.Equal(dueAt.AddDays(1), await subscriptions.EarliestAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RunDueAsync_SendSlowerThanTheClaimLease_OtherInstanceDoesNotSendItAgain()
    {
        await SubscribeAsync();
        time.SetUtcNow(new DateTimeOffset(2026, 12, 8, 8, 0, 10, TimeSpan.Zero));
        var lease = new DigestOptions().ClaimLease;

        // The first instance's send waits (a chat at its Teams limit, a long Retry-After) for twice the claim lease.
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource<ResourceResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        sender.Setup(s => s.SendAsync(It.IsAny<ConversationReference>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
            .Callback<ConversationReference, Activity, CancellationToken>((_, a, _) => sent.Add(a))
            .Returns(() =>
            {
                entered.TrySetResult();
                return sent.Count == 1 ? release.Task : Task.FromResult(new ResourceResponse("2"));
            });
        var slow = Dispatcher().RunDueAsync(time.GetUtcNow(), CancellationToken.None);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        for (var waited = TimeSpan.Zero; waited < lease * 2; waited += lease / 8)
        {
            time.Advance(lease / 8);
        }

        var other = await Dispatcher().RunDueAsync(time.GetUtcNow(), CancellationToken.None);
        release.SetResult(new ResourceResponse("1"));

        Assert.Equal(1, await slow.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, other);
        Assert.Single(sent);
    }

    [Fact]
    public async Task RunDueAsync_QuietDay_ShortDigestByDefault_NothingWithSkipWhenEmpty()
    {
        await SubscribeAsync();
        time.SetUtcNow(new DateTimeOffset(2026, 12, 8, 8, 0, 10, TimeSpan.Zero));

        Assert.Equal(0, await Dispatcher(new DigestOptions { SkipWhenEmpty = true }).RunDueAsync(time.GetUtcNow(), CancellationToken.None));
        Assert.Empty(sent);
        Assert.Equal(new DateTimeOffset(2026, 12, 9, 8, 0, 0, TimeSpan.Zero), await subscriptions.EarliestAsync(CancellationToken.None));

        time.SetUtcNow(new DateTimeOffset(2026, 12, 9, 8, 0, 10, TimeSpan.Zero));
        Assert.Equal(1, await Dispatcher().RunDueAsync(time.GetUtcNow(), CancellationToken.None));
        Assert.Contains("A quiet day", Assert.Single(sent).Attachments![0].Content.ToString(), StringComparison.Ordinal);
    }

    private DigestDispatcher Dispatcher(DigestOptions? options = null) => new(
        store,
        subscriptions,
        new DigestComposer([], [], [], [], NullLogger<DigestComposer>.Instance),
        sender.Object,
        new BotTelemetry(metrics.GetRequiredService<IMeterFactory>()),
        time,
        Options.Create(options ?? new DigestOptions()),
        NullLogger<DigestDispatcher>.Instance);
}
