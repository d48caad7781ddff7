using Moq;
using SocialBot.Bot.Protocol.Connector;
using SocialBot.Bot.Protocol.Schema;
using SocialBot.Bot.State;

namespace SocialBot.Bot.Tests.State;

public sealed class ConversationReferenceStoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);

    private readonly Mock<IStateStore> store = new();
    private readonly ConversationReferenceStore references;

    public ConversationReferenceStoreTests()
    {
        store.Setup(s => s.CommitAsync(It.IsAny<StoreTransaction>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        references = new ConversationReferenceStore(store.Object, Mock.Of<IServiceUrlLearner>());
    }

    private static ConversationReference Reference(DateTimeOffset at, string serviceUrl = "https://smba.trafficmanager.net/emea/", string conversation = "a:1") => new()
    {
        ChannelId = "msteams",
        ServiceUrl = serviceUrl,
        Conversation = new ConversationAccount { Id = conversation, ConversationType = "personal" },
        User = new ChannelAccount { Id = "29:ada", AadObjectId = "ada-oid" },
        TenantId = "t1",
        UpdatedAt = at,
    };

    private void AssertCommits(int expected) =>
        store.Verify(s => s.CommitAsync(It.IsAny<StoreTransaction>(), It.IsAny<CancellationToken>()), Times.Exactly(expected));

    [Fact]
    public async Task SaveAsync_SameReferenceAgainSoon_WrittenOnce()
    {
        await references.SaveAsync(Reference(Start), CancellationToken.None);
        await references.SaveAsync(Reference(Start.AddMinutes(1)), CancellationToken.None);
        await references.SaveAsync(Reference(Start.AddMinutes(4)), CancellationToken.None);

        AssertCommits(1);
    }

    [Fact]
    public async Task SaveAsync_ServiceUrlChanged_WrittenAtOnce()
    {
        await references.SaveAsync(Reference(Start), CancellationToken.None);
        await references.SaveAsync(Reference(Start.AddSeconds(1), serviceUrl: "https://smba.trafficmanager.net/amer/"), CancellationToken.None);

        AssertCommits(2);
    }

    [Fact]
    public async Task SaveAsync_SameReferenceAfterFiveMinutes_WrittenAgain()
    {
        await references.SaveAsync(Reference(Start), CancellationToken.None);
        await references.SaveAsync(Reference(Start + ConversationReferenceStore.RewriteUnchangedAfter), CancellationToken.None);

        AssertCommits(2);
    }

    [Fact]
    public async Task SaveAsync_OtherConversation_WrittenToo()
    {
        await references.SaveAsync(Reference(Start), CancellationToken.None);
        await references.SaveAsync(Reference(Start, conversation: "a:2"), CancellationToken.None);

        AssertCommits(2);
    }

    [Fact]
    public async Task SaveAsync_FailedWrite_NotRememberedSoTheNextTurnWritesIt()
    {
        store.SetupSequence(s => s.CommitAsync(It.IsAny<StoreTransaction>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new StoreUnavailableException("down"))
            .ReturnsAsync(true);

        await Assert.ThrowsAsync<StoreUnavailableException>(() => references.SaveAsync(Reference(Start), CancellationToken.None));
        await references.SaveAsync(Reference(Start.AddSeconds(1)), CancellationToken.None);

        AssertCommits(2);
    }
}
