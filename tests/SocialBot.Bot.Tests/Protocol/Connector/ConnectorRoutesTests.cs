using SocialBot.Bot.Protocol.Connector;

namespace SocialBot.Bot.Tests.Protocol.Connector;

public sealed class ConnectorRoutesTests
{
    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/", "a:1abc", "https://smba.trafficmanager.net/amer/v3/conversations/a%3A1abc/activities")]
    [InlineData("https://smba.trafficmanager.net/amer", "a:1abc", "https://smba.trafficmanager.net/amer/v3/conversations/a%3A1abc/activities")]
    [InlineData("https://smba.trafficmanager.net/amer//", "a:1abc", "https://smba.trafficmanager.net/amer/v3/conversations/a%3A1abc/activities")]
    [InlineData("http://localhost:56150/_connector", "19:abc@thread.tacv2;messageid=123", "http://localhost:56150/_connector/v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D123/activities")]
    [InlineData("http://localhost:56150/_connector/", "19:abc@thread.tacv2;messageid=123", "http://localhost:56150/_connector/v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D123/activities")]
    [InlineData("https://smba.trafficmanager.net/", "conv with spaces", "https://smba.trafficmanager.net/v3/conversations/conv%20with%20spaces/activities")]
    [InlineData("https://smba.trafficmanager.net", "a/b?c#d", "https://smba.trafficmanager.net/v3/conversations/a%2Fb%3Fc%23d/activities")]
    public void Activities_EscapesConversationIdAndNormalisesServiceUrl_ExpectedUrl(string serviceUrl, string conversationId, string expected)
    {
        var uri = ConnectorRoutes.Activities(serviceUrl, conversationId);

        Assert.Equal(expected, uri.AbsoluteUri);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/emea/", "19:abc@thread.skype;messageid=1", "1:2=3",
        "https://smba.trafficmanager.net/emea/v3/conversations/19%3Aabc%40thread.skype%3Bmessageid%3D1/activities/1%3A2%3D3")]
    [InlineData("http://127.0.0.1:5000", "29:user", "1700000000000",
        "http://127.0.0.1:5000/v3/conversations/29%3Auser/activities/1700000000000")]
    public void Activity_EscapesBothIds_ExpectedUrl(string serviceUrl, string conversationId, string activityId, string expected)
    {
        Assert.Equal(expected, ConnectorRoutes.Activity(serviceUrl, conversationId, activityId).AbsoluteUri);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/")]
    [InlineData("https://smba.trafficmanager.net/amer")]
    public void ConversationsAndMembers_WithOrWithoutTrailingSlash_SameUrl(string serviceUrl)
    {
        Assert.Equal("https://smba.trafficmanager.net/amer/v3/conversations", ConnectorRoutes.Conversations(serviceUrl).AbsoluteUri);
        Assert.Equal("https://smba.trafficmanager.net/amer/v3/conversations/a%3Ax%3By/members", ConnectorRoutes.Members(serviceUrl, "a:x;y").AbsoluteUri);
    }

    [Theory]
    [InlineData("smba.trafficmanager.net/amer")]
    [InlineData("ftp://smba.trafficmanager.net/")]
    [InlineData("https://smba.trafficmanager.net/?x=1")]
    [InlineData("")]
    public void Activities_InvalidServiceUrl_Throws(string serviceUrl)
    {
        Assert.Throws<ArgumentException>(() => ConnectorRoutes.Activities(serviceUrl, "a:1"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("..")]
    [InlineData(".")]
    public void Activity_InvalidId_Throws(string id)
    {
        Assert.ThrowsAny<ArgumentException>(() => ConnectorRoutes.Activity("https://smba.trafficmanager.net/", id, "1"));
        Assert.ThrowsAny<ArgumentException>(() => ConnectorRoutes.Activity("https://smba.trafficmanager.net/", "a:1", id));
    }
}
