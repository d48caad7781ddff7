using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using SocialBot.Bot.Protocol.Connector;
using SocialBot.Bot.Protocol.Schema;
using SocialBot.Testing;

namespace SocialBot.Bot.Tests.Protocol.Connector;

public sealed class ConnectorClientTests
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/amer/";
    private const string ConversationId = "19:abc@thread.tacv2;messageid=123";

    private readonly TimerAwareFakeTimeProvider _time = new();
    private readonly ScriptedHttpHandler _handler = new();
    private readonly Mock<IBotTokenProvider> _tokens = new();
    private readonly Mock<IConnectorThrottleObserver> _throttle = new();
    private readonly ServiceUrlAllowList _allowList = new(allowLoopback: false, NullLogger<ServiceUrlAllowList>.Instance);

    public ConnectorClientTests()
    {
        _tokens.Setup(t => t.GetTokenAsync(It.IsAny<CancellationToken>())).ReturnsAsync((string?)null);
        _allowList.Learn(ServiceUrl);
    }

    private ConnectorClient CreateClient() => new(
        new HttpClient(_handler),
        _tokens.Object,
        _allowList,
        new ConnectorRetryPolicy(new ConnectorRetryOptions(), _time, NullLogger<ConnectorRetryPolicy>.Instance),
        [_throttle.Object],
        NullLogger<ConnectorClient>.Instance);

    private static Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text };

    [Fact]
    public async Task SendToConversationAsync_Created_PostsActivityJsonAndReturnsId()
    {
        _handler.Then(HttpStatusCode.Created, """{"id":"1700000000001"}""");

        var response = await CreateClient().SendToConversationAsync(ServiceUrl, ConversationId, Message("hello"), CancellationToken.None);

        Assert.Equal("1700000000001", response.Id);
        var sent = Assert.Single(_handler.Sent);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://smba.trafficmanager.net/amer/v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D123/activities", sent.Uri.AbsoluteUri);
        using var body = JsonDocument.Parse(sent.Body!);
        Assert.Equal("message", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("hello", body.RootElement.GetProperty("text").GetString());
        Assert.Null(sent.Authorization);
    }

    [Fact]
    public async Task SendToConversationAsync_TokenAvailable_SendsBearerToken()
    {
        _tokens.Setup(t => t.GetTokenAsync(It.IsAny<CancellationToken>())).ReturnsAsync("tok-123");
        _handler.Then(HttpStatusCode.Created, """{"id":"1"}""");

        await CreateClient().SendToConversationAsync(ServiceUrl, ConversationId, Message("hi"), CancellationToken.None);

        Assert.Equal("Bearer tok-123", Assert.Single(_handler.Sent).Authorization);
    }

    [Fact]
    public async Task SendToConversationAsync_ServiceUrlNotLearned_RefusedBeforeTokenOrRequest()
    {
        var client = CreateClient();

        await Assert.ThrowsAsync<UntrustedServiceUrlException>(
            () => client.SendToConversationAsync("https://attacker.example/", ConversationId, Message("hi"), CancellationToken.None));
        await Assert.ThrowsAsync<UntrustedServiceUrlException>(
            () => client.CreateConversationAsync("https://attacker.example/", new ConversationParameters(), CancellationToken.None));
        await Assert.ThrowsAsync<UntrustedServiceUrlException>(
            () => client.GetConversationMembersAsync("https://smba.trafficmanager.net/emea/", ConversationId, CancellationToken.None));

        Assert.Empty(_handler.Sent);
        _tokens.Verify(t => t.GetTokenAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ReplyToActivityAsync_Created_PostsToActivityWithReplyToId()
    {
        _handler.Then(HttpStatusCode.Created, """{"id":"2"}""");

        await CreateClient().ReplyToActivityAsync(ServiceUrl, ConversationId, "1:x", Message("re"), CancellationToken.None);

        var sent = Assert.Single(_handler.Sent);
        Assert.EndsWith("/activities/1%3Ax", sent.Uri.AbsoluteUri, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(sent.Body!);
        Assert.Equal("1:x", body.RootElement.GetProperty("replyToId").GetString());
    }

    [Fact]
    public async Task GetConversationMembersAsync_Ok_ReturnsRoster()
    {
        _handler.Then(HttpStatusCode.OK, """[{"id":"29:a","name":"Ada","aadObjectId":"oid-a","email":"ada@contoso.com"},{"id":"29:b","name":"Bo"}]""");

        var members = await CreateClient().GetConversationMembersAsync(ServiceUrl, ConversationId, CancellationToken.None);

        Assert.Equal(["29:a", "29:b"], members.Select(m => m.Id));
        Assert.Equal("oid-a", members[0].AadObjectId);
        Assert.Equal(HttpMethod.Get, Assert.Single(_handler.Sent).Method);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.BadRequest)]
    public async Task SendToConversationAsync_ClientError_ThrowsConnectorExceptionWithoutRetry(HttpStatusCode status)
    {
        _handler.Then(status, """{"error":{"code":"BotNotInConversationRoster","message":"secret user text"}}""");

        var exception = await Assert.ThrowsAsync<ConnectorException>(
            () => CreateClient().SendToConversationAsync(ServiceUrl, ConversationId, Message("hi"), CancellationToken.None));

        Assert.Equal(status, exception.StatusCode);
        Assert.Equal("BotNotInConversationRoster", exception.ErrorCode);
        Assert.Equal(status == HttpStatusCode.Forbidden, exception.IsBotRemoved);
        Assert.DoesNotContain("secret", exception.Message, StringComparison.Ordinal);
        Assert.Single(_handler.Sent);
    }

    [Fact]
    public async Task SendToConversationAsync_429WithRetryAfterSeconds_WaitsThatLongThenSucceeds()
    {
        _handler.Then(HttpStatusCode.TooManyRequests, configure: r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(3)))
            .Then(HttpStatusCode.Created, """{"id":"7"}""");

        var send = CreateClient().SendToConversationAsync(ServiceUrl, ConversationId, Message("hi"), CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(3), await _time.NextTimerAsync());
        Assert.Single(_handler.Sent);
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal("7", (await send).Id);
        Assert.Equal(2, _handler.Sent.Count);
        _throttle.Verify(o => o.OnThrottled(ConversationId, TimeSpan.FromSeconds(3)), Times.Once);
    }

    [Fact]
    public async Task SendToConversationAsync_429WithRetryAfterDate_WaitsUntilThatDate()
    {
        var until = _time.GetUtcNow().AddSeconds(5);
        _handler.Then(HttpStatusCode.TooManyRequests, configure: r => r.Headers.RetryAfter = new RetryConditionHeaderValue(until))
            .Then(HttpStatusCode.Created, """{"id":"8"}""");

        var send = CreateClient().SendToConversationAsync(ServiceUrl, ConversationId, Message("hi"), CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(5), await _time.NextTimerAsync());
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("8", (await send).Id);
    }

    [Fact]
    public async Task SendToConversationAsync_429WithoutRetryAfter_BacksOffExponentiallyWithJitter()
    {
        _handler.Then(HttpStatusCode.TooManyRequests)
            .Then(HttpStatusCode.TooManyRequests)
            .Then(HttpStatusCode.Created, """{"id":"9"}""");

        var send = CreateClient().SendToConversationAsync(ServiceUrl, ConversationId, Message("hi"), CancellationToken.None);

        var first = await _time.NextTimerAsync();
        Assert.InRange(first, TimeSpan.FromSeconds(0.8), TimeSpan.FromSeconds(1.2));
        _time.Advance(first);
        var second = await _time.NextTimerAsync();
        Assert.InRange(second, TimeSpan.FromSeconds(1.6), TimeSpan.FromSeconds(2.4));
        _time.Advance(second);
        Assert.Equal("9", (await send).Id);
        Assert.Equal(3, _handler.Sent.Count);
    }

    [Fact]
    public async Task SendToConversationAsync_Always429_StopsAfterMaxAttempts()
    {
        for (var i = 0; i < 4; i++)
        {
            _handler.Then(HttpStatusCode.TooManyRequests, configure: r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(1)));
        }

        var send = CreateClient().SendToConversationAsync(ServiceUrl, ConversationId, Message("hi"), CancellationToken.None);
        for (var i = 0; i < 3; i++)
        {
            await _time.NextTimerAsync();
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => send);
        Assert.True(exception.IsThrottled);
        Assert.Equal(TimeSpan.FromSeconds(1), exception.RetryAfter);
        Assert.Equal(4, _handler.Sent.Count);
    }

    [Fact]
    public async Task SendToConversationAsync_RetryAfterBeyondTotalBudget_GivesUpAtOnce()
    {
        _handler.Then(HttpStatusCode.TooManyRequests, configure: r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromMinutes(10)));

        var exception = await Assert.ThrowsAsync<ConnectorException>(
            () => CreateClient().SendToConversationAsync(ServiceUrl, ConversationId, Message("hi"), CancellationToken.None));

        Assert.Equal(TimeSpan.FromMinutes(10), exception.RetryAfter);
        Assert.Single(_handler.Sent);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task SendToConversationAsync_AmbiguousServerError_NotSentAgain(HttpStatusCode status)
    {
        _handler.Then(status).Then(HttpStatusCode.Created, """{"id":"x"}""");

        var exception = await Assert.ThrowsAsync<ConnectorException>(
            () => CreateClient().SendToConversationAsync(ServiceUrl, ConversationId, Message("hi"), CancellationToken.None));

        Assert.Equal(status, exception.StatusCode);
        Assert.Single(_handler.Sent);
    }

    [Fact]
    public async Task CreateConversationAsync_500_NotSentAgain()
    {
        _handler.Then(HttpStatusCode.InternalServerError).Then(HttpStatusCode.Created, """{"id":"a:x"}""");

        await Assert.ThrowsAsync<ConnectorException>(
            () => CreateClient().CreateConversationAsync(ServiceUrl, new ConversationParameters { IsGroup = false }, CancellationToken.None));

        Assert.Single(_handler.Sent);
    }

    [Fact]
    public async Task SendToConversationAsync_503WithRetryAfter_Retried()
    {
        _handler.Then(HttpStatusCode.ServiceUnavailable, configure: r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(2)))
            .Then(HttpStatusCode.Created, """{"id":"10"}""");

        var send = CreateClient().SendToConversationAsync(ServiceUrl, ConversationId, Message("hi"), CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(2), await _time.NextTimerAsync());
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("10", (await send).Id);
    }

    [Fact]
    public async Task SendToConversationAsync_ConnectionRefused_RetriedBecauseNothingWasSent()
    {
        _handler.ThenThrow(new HttpRequestException(HttpRequestError.ConnectionError, "refused"))
            .Then(HttpStatusCode.Created, """{"id":"11"}""");

        var send = CreateClient().SendToConversationAsync(ServiceUrl, ConversationId, Message("hi"), CancellationToken.None);

        _time.Advance(await _time.NextTimerAsync());
        Assert.Equal("11", (await send).Id);
    }

    [Fact]
    public async Task SendToConversationAsync_ConnectionResetAfterSending_NotSentAgain()
    {
        _handler.ThenThrow(new HttpRequestException(HttpRequestError.ResponseEnded, "reset"))
            .Then(HttpStatusCode.Created, """{"id":"12"}""");

        await Assert.ThrowsAsync<HttpRequestException>(
            () => CreateClient().SendToConversationAsync(ServiceUrl, ConversationId, Message("hi"), CancellationToken.None));

        Assert.Single(_handler.Sent);
    }

    [Fact]
    public async Task SendToConversationAsync_Timeout_NotSentAgain()
    {
        _handler.ThenThrow(new TaskCanceledException("timeout", new TimeoutException()))
            .Then(HttpStatusCode.Created, """{"id":"13"}""");

        await Assert.ThrowsAsync<TaskCanceledException>(
            () => CreateClient().SendToConversationAsync(ServiceUrl, ConversationId, Message("hi"), CancellationToken.None));

        Assert.Single(_handler.Sent);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    public async Task UpdateActivityAsync_TransientError_RetriedWithBackoff(HttpStatusCode status)
    {
        _handler.Then(status).Then(HttpStatusCode.OK, """{"id":"5"}""");

        var update = CreateClient().UpdateActivityAsync(ServiceUrl, ConversationId, "5", Message("edited"), CancellationToken.None);

        var delay = await _time.NextTimerAsync();
        Assert.InRange(delay, TimeSpan.FromSeconds(0.8), TimeSpan.FromSeconds(1.2));
        _time.Advance(delay);
        Assert.Equal("5", (await update).Id);
        Assert.All(_handler.Sent, s => Assert.Equal(HttpMethod.Put, s.Method));
        Assert.Equal(2, _handler.Sent.Count);
    }

    [Fact]
    public async Task UpdateActivityAsync_Timeout_Retried()
    {
        _handler.ThenThrow(new TaskCanceledException("timeout", new TimeoutException()))
            .Then(HttpStatusCode.OK, """{"id":"5"}""");

        var update = CreateClient().UpdateActivityAsync(ServiceUrl, ConversationId, "5", Message("edited"), CancellationToken.None);

        _time.Advance(await _time.NextTimerAsync());
        Assert.Equal("5", (await update).Id);
    }

    [Fact]
    public async Task DeleteActivityAsync_502ThenOk_RetriedAndSucceeds()
    {
        _handler.Then(HttpStatusCode.BadGateway).Then(HttpStatusCode.OK);

        var delete = CreateClient().DeleteActivityAsync(ServiceUrl, ConversationId, "5", CancellationToken.None);

        _time.Advance(await _time.NextTimerAsync());
        await delete;
        Assert.Equal(2, _handler.Sent.Count);
        Assert.All(_handler.Sent, s => Assert.Equal(HttpMethod.Delete, s.Method));
    }

    [Fact]
    public void RetryAfter_DateInThePast_Zero()
    {
        var now = DateTimeOffset.UtcNow;

        Assert.Equal(TimeSpan.Zero, ConnectorRetryPolicy.RetryAfter(new RetryConditionHeaderValue(now.AddSeconds(-5)), now));
        Assert.Null(ConnectorRetryPolicy.RetryAfter(null, now));
    }
}
