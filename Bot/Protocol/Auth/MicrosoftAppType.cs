namespace SocialBot.Bot.Protocol.Auth;

/// <summary>How the bot's Entra identity is set up; same names as the Bot Framework samples' <c>MicrosoftAppType</c>.</summary>
internal enum MicrosoftAppType
{
    MultiTenant,
    SingleTenant,
    UserAssignedMSI,
}
