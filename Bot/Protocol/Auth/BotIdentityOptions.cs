namespace SocialBot.Bot.Protocol.Auth;

/// <summary>
/// The bot's identity and the Bot Framework cloud endpoints. Keys are read from the configuration root with the
/// Bot Framework sample names (<c>MicrosoftAppId</c>, ...) plus the <c>BotFramework:</c> section for our own switches.
/// </summary>
internal sealed class BotIdentityOptions
{
    public const string PublicCloudOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public const string PublicCloudTokenIssuer = "https://api.botframework.com";
    public const string PublicCloudLoginUrl = "https://login.microsoftonline.com/botframework.com";
    public const string PublicCloudOAuthScope = "https://api.botframework.com";
    public const string UsGovTokenIssuer = "https://api.botframework.us";

    /// <summary>Raw <c>MicrosoftAppType</c>; empty means MultiTenant, like the SDK.</summary>
    public string? MicrosoftAppType { get; set; }

    public string? MicrosoftAppId { get; set; }

    public string? MicrosoftAppPassword { get; set; }

    public string? MicrosoftAppTenantId { get; set; }

    public string ToBotFromChannelOpenIdMetadataUrl { get; set; } = PublicCloudOpenIdMetadataUrl;

    public string ToBotFromChannelTokenIssuer { get; set; } = PublicCloudTokenIssuer;

    public string ToChannelFromBotLoginUrl { get; set; } = PublicCloudLoginUrl;

    public string ToChannelFromBotOAuthScope { get; set; } = PublicCloudOAuthScope;

    public bool ValidateAuthority { get; set; } = true;

    /// <summary><c>BotFramework:AllowUnauthenticated</c>; honoured only in Development and only without an app id.</summary>
    public bool AllowUnauthenticated { get; set; }

    /// <summary><c>BotFramework:AllowedTenants</c>; empty means any tenant.</summary>
    public IReadOnlyList<string> AllowedTenants { get; set; } = [];

    /// <summary>
    /// <c>BotFramework:SigningKeyRefreshMinInterval</c>: a token signed by an unknown key refreshes the keys at most
    /// once per interval, so forged <c>kid</c> values cannot make us hammer the metadata endpoint.
    /// </summary>
    public TimeSpan SigningKeyRefreshMinInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary><c>BotFramework:SigningKeyCacheDuration</c>: how long fetched signing keys are used before a routine refresh.</summary>
    public TimeSpan SigningKeyCacheDuration { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Host environment name, taken from the host (not from a configuration key).</summary>
    public string EnvironmentName { get; set; } = Microsoft.Extensions.Hosting.Environments.Production;

    /// <summary>Values that could not be parsed while binding; reported by the validator with their key.</summary>
    internal List<string> BindingErrors { get; } = [];

    public bool RunsInDevelopment =>
        string.Equals(EnvironmentName, Microsoft.Extensions.Hosting.Environments.Development, StringComparison.OrdinalIgnoreCase);

    public bool HasAppId => !string.IsNullOrWhiteSpace(MicrosoftAppId);

    /// <summary>Requests are accepted without a token only when all three hold: no app id, the flag, Development.</summary>
    public bool AllowsAnonymousRequests => !HasAppId && AllowUnauthenticated && RunsInDevelopment;

    public MicrosoftAppType? ParsedAppType
    {
        get
        {
            if (string.IsNullOrWhiteSpace(MicrosoftAppType))
            {
                return Auth.MicrosoftAppType.MultiTenant;
            }

            // Names only: Enum.TryParse would also take "1" or "0x2".
            foreach (var candidate in Enum.GetValues<MicrosoftAppType>())
            {
                if (string.Equals(candidate.ToString(), MicrosoftAppType.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    return candidate;
                }
            }

            return null;
        }
    }

    public bool IsTenantAllowed(string? tenantId) =>
        AllowedTenants.Count == 0
        || (!string.IsNullOrEmpty(tenantId) && AllowedTenants.Contains(tenantId, StringComparer.OrdinalIgnoreCase));
}
