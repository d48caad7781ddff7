namespace SocialBot.Bot.Protocol.Connector;

/// <summary>Tells the outbound side which service URLs came from authenticated activities.</summary>
internal interface IServiceUrlLearner
{
    void Learn(string serviceUrl);
}
