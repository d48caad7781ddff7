using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using SocialBot.Bot.Proactive;
using SocialBot.Bot.Protocol.Connector;
using SocialBot.Bot.Protocol.Schema;

namespace SocialBot.Bot.Tests.Proactive;

public sealed class ProactiveSenderTests : IDisposable
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/amer/";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
    private readonly Mock<IConnectorClient> _connector = new();
    private readonly ConversationRateLimiter _limiter;
    private readonly ProactiveSender _sender;

    private static readonly ConversationReference Channel = new()
    {
        ChannelId = "msteams",
        ServiceUrl = ServiceUrl,
        Conversation = new ConversationAccount { Id = "19:abc@thread.tacv2;messageid=1", IsGroup = true },
        Bot = new ChannelAccount { Id = "28:bot", Name = "SocialBot" },
        TenantId = "tenant-1",
    };

    public ProactiveSenderTests()
    {
        _limiter = new ConversationRateLimiter(Options.Create(new ProactiveOptions { SafetyMargin = TimeSpan.Zero }), _time);
        _sender = new ProactiveSender(_connector.Object, _limiter, _time);
        _connector.Setup(c => c.SendToConversationAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ResourceResponse("1"));
    }

    public void Dispose() => _limiter.Dispose();

    [Fact]
    public async Task SendAsync_Reference_SendsToItsConversationAddressedFromTheBot()
    {
        await _sender.SendAsync(Channel, new Activity { Type = ActivityTypes.Message, Text = "hello" }, CancellationToken.None);

        _connector.Verify(c => c.SendToConversationAsync(
            ServiceUrl,
            "19:abc@thread.tacv2;messageid=1",
            It.Is<Activity>(a => a.Text == "hello" && a.From!.Id == "28:bot" && a.Conversation!.Id == Channel.Conversation.Id && a.ChannelId == "msteams"),
            It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task SendAsync_EightAtOnce_EighthQueuesUntilTheWindowFrees()
    {
        var sends = Enumerable.Range(0, 8)
            .Select(i => _sender.SendAsync(Channel, new Activity { Type = ActivityTypes.Message, Text = $"m{i}" }, CancellationToken.None))
            .ToList();
        await Task.WhenAll(sends.Take(7));

        Assert.False(sends[7].IsCompleted);
        _connector.Verify(c => c.SendToConversationAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()), Times.Exactly(7));
        _time.Advance(TimeSpan.FromSeconds(1));
        await sends[7];
        _connector.Verify(c => c.SendToConversationAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()), Times.Exactly(8));
    }

    [Fact]
    public async Task UpdateAsync_Reference_PutsTheActivity()
    {
        _connector.Setup(c => c.UpdateActivityAsync(ServiceUrl, Channel.Conversation.Id!, "42", It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ResourceResponse("42"));

        await _sender.UpdateAsync(Channel, "42", new Activity { Type = ActivityTypes.Message, Text = "edited" }, CancellationToken.None);

        _connector.Verify(c => c.UpdateActivityAsync(ServiceUrl, Channel.Conversation.Id!, "42", It.Is<Activity>(a => a.Text == "edited"), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task CreatePersonalConversationAsync_User_PostsOneToOneParametersAndReturnsNewReference()
    {
        ConversationParameters? sent = null;
        _connector.Setup(c => c.CreateConversationAsync(ServiceUrl, It.IsAny<ConversationParameters>(), It.IsAny<CancellationToken>()))
            .Callback<string, ConversationParameters, CancellationToken>((_, p, _) => sent = p)
            .ReturnsAsync(new ConversationResourceResponse("a:1on1", "https://other.example/", null));
        var user = new ChannelAccount { Id = "29:user", AadObjectId = "oid-1" };

        var reference = await _sender.CreatePersonalConversationAsync(Channel, user, CancellationToken.None);

        Assert.NotNull(sent);
        Assert.False(sent.IsGroup);
        Assert.Equal("28:bot", sent.Bot!.Id);
        Assert.Equal("29:user", Assert.Single(sent.Members!).Id);
        Assert.Equal("tenant-1", sent.TenantId);
        Assert.Equal("tenant-1", sent.ChannelData!.Tenant!.Id);
        Assert.Equal("a:1on1", reference.Conversation.Id);
        Assert.Equal("personal", reference.Conversation.ConversationType);
        Assert.Equal(ServiceUrl, reference.ServiceUrl);
        Assert.Equal("29:user", reference.User!.Id);
        Assert.Equal(_time.GetUtcNow(), reference.UpdatedAt);
    }

    [Fact]
    public async Task CreatePersonalConversationAsync_NoTenant_Throws()
    {
        var noTenant = Channel with { TenantId = null };

        await Assert.ThrowsAsync<ArgumentException>(
            () => _sender.CreatePersonalConversationAsync(noTenant, new ChannelAccount { Id = "29:user" }, CancellationToken.None));
        _connector.VerifyNoOtherCalls();
    }
}
