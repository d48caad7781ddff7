using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using SocialBot.Bot.Features.Mentions;
using SocialBot.Bot.Features.Mentions.Scoring;
using SocialBot.Bot.Features.Trends;
using SocialBot.Bot.Ingestion;
using SocialBot.Bot.Proactive;
using SocialBot.Bot.Protocol.Schema;
using SocialBot.Bot.State;
using SocialBot.Bot.Turns;

namespace SocialBot.Bot.Tests.Features.Mentions;

public sealed class MentionDeliveryTests
{
    private const string Tenant = "contoso";
    private const string Channel = "19:channel@thread.tacv2";
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 4, 1, 10, 0, 0, TimeSpan.Zero));
    private readonly InMemoryStateStore store;
    private readonly Mock<IProactiveSender> sender = new();
    private readonly Mock<IConversationReferenceStore> references = new();
    private readonly List<Activity> sent = [];
    private readonly MentionsOptions options = new() { MaxAlertsPerHour = 2 };
    private readonly MentionStore mentions;
    private MentionDelivery delivery;
    private MentionBatchWorker worker;

    public MentionDeliveryTests()
    {
        store = new InMemoryStateStore(time);
        var reference = new ConversationReference { ChannelId = "msteams", ServiceUrl = "https://smba.example/", Conversation = new ConversationAccount { Id = Channel } };
        references.Setup(r => r.FindAsync(It.IsAny<string>(), Channel, It.IsAny<CancellationToken>())).ReturnsAsync(reference);
        sender.Setup(s => s.SendAsync(It.IsAny<ConversationReference>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
            .Callback<ConversationReference, Activity, CancellationToken>((_, activity, _) => sent.Add(activity))
            .ReturnsAsync(new ResourceResponse("1"));
        mentions = new MentionStore(store, Options.Create(new MentionRetentionOptions()));
        (delivery, worker) = Build(QuietHours.None);
    }

    [Fact]
    public async Task High_AlertAtOnce_AndOnlyOnceWhenDeliveredAgain()
    {
        var mention = await StoreAsync("m1", MentionPriority.High);

        await delivery.DeliverAsync(mention, Channel, "acme", default);
        await delivery.DeliverAsync(mention, Channel, "acme", default);

        Assert.Single(sent);
    }

    [Fact]
    public async Task Normal_BatchedAndSentOnceWhenDue()
    {
        foreach (var id in new[] { "n1", "n2", "n3" })
        {
            await delivery.DeliverAsync(await StoreAsync(id, MentionPriority.Normal), Channel, "acme", default);
        }

        Assert.Equal(0, await worker.SendDueAsync(default));
        time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(1, await worker.SendDueAsync(default));
        Assert.Equal(0, await worker.SendDueAsync(default));

        var card = Assert.Single(sent).Attachments![0].Content!.Value.GetRawText();
        Assert.Contains("3 new mentions", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task High_OverTheHourlyCap_GoesToTheNextBatch()
    {
        for (var i = 0; i < 4; i++)
        {
            await delivery.DeliverAsync(await StoreAsync("h" + i, MentionPriority.High), Channel, "acme", default);
        }

        Assert.Equal(2, sent.Count);
        time.Advance(TimeSpan.FromMinutes(15));
        await worker.SendDueAsync(default);
        Assert.Contains("2 new mentions · 2 high priority", sent[^1].Attachments![0].Content!.Value.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Normal_DuringQuietHours_WaitsUntilTheyEnd()
    {
        time.SetUtcNow(new DateTimeOffset(2026, 4, 1, 21, 50, 0, TimeSpan.Zero));
        (delivery, worker) = Build(new QuietHours(new TimeOnly(22, 0), new TimeOnly(7, 0), TimeZoneInfo.Utc));

        await delivery.DeliverAsync(await StoreAsync("n1", MentionPriority.Normal), Channel, "acme", default);
        time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(0, await worker.SendDueAsync(default));
        time.SetUtcNow(new DateTimeOffset(2026, 4, 2, 6, 59, 0, TimeSpan.Zero));
        Assert.Equal(0, await worker.SendDueAsync(default));
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(1, await worker.SendDueAsync(default));
        Assert.Contains("1 new mention", Assert.Single(sent).Attachments![0].Content!.Value.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HighOverTheCap_DuringQuietHours_DoesNotWaitForTheMorning()
    {
        time.SetUtcNow(new DateTimeOffset(2026, 4, 1, 23, 0, 0, TimeSpan.Zero));
        (delivery, worker) = Build(new QuietHours(new TimeOnly(22, 0), new TimeOnly(7, 0), TimeZoneInfo.Utc));
        await delivery.DeliverAsync(await StoreAsync("n1", MentionPriority.Normal), Channel, "acme", default);
        for (var i = 0; i < 3; i++)
        {
            await delivery.DeliverAsync(await StoreAsync("h" + i, MentionPriority.High), Channel, "acme", default);
        }

        Assert.Equal(2, sent.Count);
        time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(1, await worker.SendDueAsync(default));
        Assert.Contains("2 new mentions · 1 high priority", sent[^1].Attachments![0].Content!.Value.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MentionArrivingWhileABatchIsSent_GoesOutInTheNextBatch()
    {
        await delivery.DeliverAsync(await StoreAsync("n1", MentionPriority.Normal), Channel, "acme", default);
        var late = await StoreAsync("n2", MentionPriority.Normal);
        var raced = false;
        sender.Setup(s => s.SendAsync(It.IsAny<ConversationReference>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
            .Returns<ConversationReference, Activity, CancellationToken>(async (_, activity, ct) =>
            {
                sent.Add(activity);
                if (!raced)
                {
                    raced = true;
                    await delivery.DeliverAsync(late, Channel, "acme", ct);
                }

                return new ResourceResponse("1");
            });

        time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(1, await worker.SendDueAsync(default));
        time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(1, await worker.SendDueAsync(default));

        Assert.Equal(2, sent.Count);
        Assert.Contains("1 new mention", sent[1].Attachments![0].Content!.Value.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LowAndMutedAuthors_NeverAlert()
    {
        await delivery.DeliverAsync(await StoreAsync("l1", MentionPriority.Low), Channel, "acme", default);
        await delivery.MuteAsync(Tenant, "@FAN", default);
        await delivery.DeliverAsync(await StoreAsync("h1", MentionPriority.High), Channel, "acme", default);
        time.Advance(TimeSpan.FromHours(1));
        await worker.SendDueAsync(default);

        Assert.Empty(sent);
    }

    private (MentionDelivery Delivery, MentionBatchWorker Worker) Build(QuietHours quietHours)
    {
        var presenter = new MentionPresenter(time);
        var built = new MentionDelivery(store, references.Object, sender.Object, presenter, Options.Create(options), quietHours, time, NullLogger<MentionDelivery>.Instance);
        return (built, new MentionBatchWorker(store, mentions, built, references.Object, sender.Object, presenter, Options.Create(options), time, NullLogger<MentionBatchWorker>.Instance));
    }

    private async Task<StoredMention> StoreAsync(string id, MentionPriority priority)
    {
        var mention = new StoredMention(
            new IncomingMention { TenantId = Tenant, Id = id, Source = MentionSource.X, Author = new MentionAuthor("@fan", "Fan", 10), Text = "acme " + id, CreatedAt = time.GetUtcNow() },
            priority,
            MentionTone.Neutral,
            [],
            ["r1"],
            [Channel]);
        await mentions.AddAsync(mention, default);
        return mention;
    }
}
