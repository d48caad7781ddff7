using System.Net;
using SocialBot.IntegrationTests.Hosting;

namespace SocialBot.IntegrationTests.Protocol.Hosting;

public sealed class MessagesEndpointSmokeTests
{
    [Fact]
    public async Task Help_WithValidToken_RepliesThroughConnectorWithBearerToken()
    {
        await using var host = await BotTestHost.StartAsync();

        var response = await host.PostActivityAsync(TeamsActivities.PersonalMessage(host, TeamsUser.Author, "help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await host.Connector.WaitForAsync(r => r.Method == "POST" && r.ConversationId == TeamsActivities.PersonalConversationId(TeamsUser.Author), TimeSpan.FromSeconds(10));
        Assert.Equal("Bearer " + BotTestHost.OutboundToken, reply.Authorization);
        Assert.Contains("SocialBot help", reply.Body!.ToJsonString(), StringComparison.Ordinal);
    }
}
