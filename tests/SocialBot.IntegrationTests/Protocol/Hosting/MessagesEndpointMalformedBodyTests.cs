using System.Net;
using System.Text;
using SocialBot.IntegrationTests.Hosting;

namespace SocialBot.IntegrationTests.Protocol.Hosting;

/// <summary>Malformed bodies with a valid token get a 4xx with a reason, and the host keeps serving.</summary>
public sealed class MessagesEndpointMalformedBodyTests : IAsyncLifetime
{
    private BotTestHost host = null!;

    public static TheoryData<string, int> Cases => new()
    {
        { "not JSON", 400 },
        { "JSON array", 400 },
        { "no type", 400 },
        { "empty body", 400 },
        { "deeply nested JSON", 400 },
        { "invalid UTF-8", 400 },
        { "5 MB body", 413 },
    };

    public async Task InitializeAsync() => host = await BotTestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Post_MalformedBody_Is4xxAndHostStaysHealthy(string name, int expectedStatus)
    {
        var response = await host.PostRawAsync(Body(name), "Bearer " + host.Token());

        Assert.Equal(expectedStatus, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(host.Connector.Requests);

        var healthy = await host.PostActivityAsync(TeamsActivities.PersonalMessage(host, TeamsUser.Author, "help"));
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        await host.Connector.WaitForAsync(r => r.ConversationId == TeamsActivities.PersonalConversationId(TeamsUser.Author), TimeSpan.FromSeconds(10));
    }

    private byte[] Body(string name)
    {
        var valid = TeamsActivities.PersonalMessage(host, TeamsUser.Author, "help").ToJsonString();
        return name switch
        {
            "not JSON" => Encoding.UTF8.GetBytes("type=message&text=help"),
            "JSON array" => Encoding.UTF8.GetBytes("[" + valid + "]"),
            "no type" => Encoding.UTF8.GetBytes(valid.Replace("\"type\":\"message\",", string.Empty, StringComparison.Ordinal)),
            "empty body" => [],
            "deeply nested JSON" => Encoding.UTF8.GetBytes(
                valid[..^1] + ",\"channelData\":" + new string('[', 10_000) + new string(']', 10_000) + "}"),
            "invalid UTF-8" => [.. Encoding.UTF8.GetBytes(valid[..^1] + ",\"text\":\""), 0xC3, 0x28, 0xFF, .. "\"}"u8.ToArray()],
            "5 MB body" => Encoding.UTF8.GetBytes(valid[..^1] + ",\"text\":\"" + new string('a', 5 * 1024 * 1024) + "\"}"),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown case."),
        };
    }
}
