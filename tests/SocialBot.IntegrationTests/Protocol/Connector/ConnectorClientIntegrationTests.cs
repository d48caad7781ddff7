using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SocialBot.Bot.Protocol.Connector;
using SocialBot.Bot.Protocol.Schema;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Protocol.Connector;

public sealed class ConnectorClientIntegrationTests : IAsyncLifetime
{
    private const string ChannelThread = "19:abc@thread.tacv2;messageid=123";
    private RecordingConnector _connector = null!;

    public async Task InitializeAsync() => _connector = await RecordingConnector.StartAsync();

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    private static Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text };

    [Fact]
    public async Task Operations_AnonymousMode_RoundTripWithoutAuthorization()
    {
        await using var services = ConnectorHost.Build();
        var client = services.GetRequiredService<IConnectorClient>();
        _connector.SetMembers(ChannelThread, new RosterMember("29:ada", "Ada", "oid-ada"), new RosterMember("29:bo", "Bo"));

        var sent = await client.SendToConversationAsync(_connector.ServiceUrl, ChannelThread, Message("hello"), CancellationToken.None);
        var reply = await client.ReplyToActivityAsync(_connector.ServiceUrl, ChannelThread, sent.Id!, Message("a reply"), CancellationToken.None);
        var updated = await client.UpdateActivityAsync(_connector.ServiceUrl, ChannelThread, sent.Id!, Message("edited"), CancellationToken.None);
        await client.DeleteActivityAsync(_connector.ServiceUrl, ChannelThread, reply.Id!, CancellationToken.None);
        var created = await client.CreateConversationAsync(
            _connector.ServiceUrl,
            new ConversationParameters { IsGroup = false, Members = [new ChannelAccount { Id = "29:ada" }], TenantId = "tenant-1" },
            CancellationToken.None);
        var members = await client.GetConversationMembersAsync(_connector.ServiceUrl, ChannelThread, CancellationToken.None);

        Assert.False(string.IsNullOrEmpty(sent.Id));
        Assert.Equal(sent.Id, updated.Id);
        Assert.StartsWith("a:created-", created.Id, StringComparison.Ordinal);
        Assert.Equal(["29:ada", "29:bo"], members.Select(m => m.Id));
        Assert.Equal("oid-ada", members[0].AadObjectId);

        var requests = _connector.Requests;
        Assert.Equal(["POST", "POST", "PUT", "DELETE", "POST", "GET"], requests.Select(r => r.Method));
        Assert.All(requests, r => Assert.Null(r.Authorization));
        Assert.All(requests.Where(r => r.ConversationId is not null), r => Assert.Equal(ChannelThread, r.ConversationId));
        Assert.Equal("/v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D123/activities", requests[0].RawTarget);
        Assert.Equal("hello", requests[0].Text);
        Assert.Equal(sent.Id, requests[1].ActivityId);
        Assert.Equal(sent.Id, requests[1].Body?["replyToId"]?.GetValue<string>());
        Assert.Equal("edited", requests[2].Text);
        Assert.Equal(reply.Id, requests[3].ActivityId);
        Assert.Null(requests[3].Body);
        Assert.Equal("/v3/conversations", requests[4].Path);
        Assert.False(requests[4].Body?["isGroup"]?.GetValue<bool>());
        Assert.Equal("29:ada", requests[4].Body?["members"]?[0]?["id"]?.GetValue<string>());
        Assert.Equal("tenant-1", requests[4].Body?["tenantId"]?.GetValue<string>());
    }

    [Fact]
    public async Task SendToConversationAsync_WithToken_SendsBearerHeader()
    {
        await using var services = ConnectorHost.Build(token: "fake-token");

        await services.GetRequiredService<IConnectorClient>().SendToConversationAsync(_connector.ServiceUrl, "a:1", Message("hi"), CancellationToken.None);

        Assert.Equal("Bearer fake-token", Assert.Single(_connector.Requests).Authorization);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SendToConversationAsync_ServiceUrlWithOrWithoutTrailingSlashAndPathBase_SameRoute(bool trailingSlash)
    {
        await using var playground = await RecordingConnector.StartAsync("/_connector");
        await using var services = ConnectorHost.Build();
        var serviceUrl = trailingSlash ? playground.ServiceUrl : playground.ServiceUrl.TrimEnd('/');

        await services.GetRequiredService<IConnectorClient>().SendToConversationAsync(serviceUrl, "a:1", Message("hi"), CancellationToken.None);

        Assert.Equal("/_connector/v3/conversations/a%3A1/activities", Assert.Single(playground.Requests).RawTarget);
    }

    [Fact]
    public async Task SendToConversationAsync_LoopbackOutsideDevelopment_RefusedAndNothingSent()
    {
        await using var services = ConnectorHost.Build(environment: "Production", token: "fake-token");

        await Assert.ThrowsAsync<UntrustedServiceUrlException>(
            () => services.GetRequiredService<IConnectorClient>().SendToConversationAsync(_connector.ServiceUrl, "a:1", Message("hi"), CancellationToken.None));

        Assert.Empty(_connector.Requests);
    }

    [Fact]
    public async Task SendToConversationAsync_429ThenSuccess_WaitsRetryAfterAndDeliversOnce()
    {
        await using var services = ConnectorHost.Build();
        _connector.FailNext("a:1", 1, HttpStatusCode.TooManyRequests, retryAfterSeconds: 1);

        var sent = await services.GetRequiredService<IConnectorClient>().SendToConversationAsync(_connector.ServiceUrl, "a:1", Message("hi"), CancellationToken.None);

        var requests = _connector.Requests;
        Assert.Equal([429, 201], requests.Select(r => r.Status));
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromSeconds(0.95));
        Assert.Equal("hi", Assert.Single(_connector.Delivered).Text);
        Assert.False(string.IsNullOrEmpty(sent.Id));
    }

    [Fact]
    public async Task SendToConversationAsync_403BotRemoved_ThrowsTypedException()
    {
        await using var services = ConnectorHost.Build();
        _connector.FailNext("a:1", 1, HttpStatusCode.Forbidden);

        var exception = await Assert.ThrowsAsync<ConnectorException>(
            () => services.GetRequiredService<IConnectorClient>().SendToConversationAsync(_connector.ServiceUrl, "a:1", Message("hi"), CancellationToken.None));

        Assert.True(exception.IsBotRemoved);
        Assert.Single(_connector.Requests);
    }

    [Fact]
    public async Task SendToConversationAsync_503WithoutRetryAfter_NotSentTwice()
    {
        await using var services = ConnectorHost.Build();
        _connector.FailNext("a:1", 1, HttpStatusCode.ServiceUnavailable);

        await Assert.ThrowsAsync<ConnectorException>(
            () => services.GetRequiredService<IConnectorClient>().SendToConversationAsync(_connector.ServiceUrl, "a:1", Message("hi"), CancellationToken.None));

        Assert.Single(_connector.Requests);
    }
}
