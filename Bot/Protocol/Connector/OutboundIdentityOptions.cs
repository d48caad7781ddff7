namespace SocialBot.Bot.Protocol.Connector;

/// <summary>
/// The bot identity used for outbound calls, bound from the same root keys as the Bot Framework samples.
/// Kept separate from the inbound options until the two branches are merged.
/// </summary>
internal sealed class OutboundIdentityOptions
{
    public const string SingleTenant = "SingleTenant";
    public const string MultiTenant = "MultiTenant";
    public const string UserAssignedMsi = "UserAssignedMSI";

    public string? MicrosoftAppType { get; set; }
    public string? MicrosoftAppId { get; set; }
    public string? MicrosoftAppPassword { get; set; }
    public string? MicrosoftAppTenantId { get; set; }
    public string ToChannelFromBotLoginUrl { get; set; } = "https://login.microsoftonline.com/botframework.com";
    public string ToChannelFromBotOAuthScope { get; set; } = "https://api.botframework.com";

    /// <summary>No app id: anonymous local mode (Agents Playground), no Authorization header is sent.</summary>
    public bool IsAnonymous => string.IsNullOrWhiteSpace(MicrosoftAppId);

    /// <summary>Like the SDK, anything that is not SingleTenant or UserAssignedMSI counts as MultiTenant.</summary>
    public string EffectiveAppType =>
        string.Equals(MicrosoftAppType, SingleTenant, StringComparison.OrdinalIgnoreCase) ? SingleTenant
        : string.Equals(MicrosoftAppType, UserAssignedMsi, StringComparison.OrdinalIgnoreCase) ? UserAssignedMsi
        : MultiTenant;

    /// <summary>Returns what is missing for the configured app type, or nothing when the settings are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (IsAnonymous)
        {
            yield break;
        }

        if (EffectiveAppType != UserAssignedMsi && string.IsNullOrWhiteSpace(MicrosoftAppPassword))
        {
            yield return $"MicrosoftAppPassword is required for {EffectiveAppType} bots.";
        }

        if (EffectiveAppType == SingleTenant && string.IsNullOrWhiteSpace(MicrosoftAppTenantId))
        {
            yield return "MicrosoftAppTenantId is required for SingleTenant bots.";
        }

        if (!Uri.TryCreate(ToChannelFromBotLoginUrl, UriKind.Absolute, out _))
        {
            yield return "ToChannelFromBotLoginUrl must be an absolute URL.";
        }

        if (string.IsNullOrWhiteSpace(ToChannelFromBotOAuthScope))
        {
            yield return "ToChannelFromBotOAuthScope must not be empty.";
        }
    }
}
