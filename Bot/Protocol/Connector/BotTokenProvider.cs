using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace SocialBot.Bot.Protocol.Connector;

/// <summary>The bot's outbound (bot → connector) access token.</summary>
internal interface IBotTokenProvider
{
    /// <summary>A bearer token for the Bot Connector, or <c>null</c> in anonymous local mode (no app id configured).</summary>
    ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Acquires tokens with MSAL: client credentials for SingleTenant/MultiTenant, managed identity for UserAssignedMSI.
/// The MSAL application is built once and kept for the life of the process, so MSAL's in-memory app token cache
/// serves every call until the token nears expiry and MSAL refreshes it.
/// </summary>
internal sealed class MsalBotTokenProvider(IOptions<OutboundIdentityOptions> options) : IBotTokenProvider
{
    private readonly Lazy<Func<CancellationToken, Task<AuthenticationResult>>?> _acquire =
        new(() => CreateAcquirer(options.Value), LazyThreadSafetyMode.ExecutionAndPublication);

    public async ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_acquire.Value is not { } acquire)
        {
            return null;
        }

        var result = await acquire(cancellationToken).ConfigureAwait(false);
        return result.AccessToken;
    }

    private static Func<CancellationToken, Task<AuthenticationResult>>? CreateAcquirer(OutboundIdentityOptions identity)
    {
        if (identity.IsAnonymous)
        {
            return null;
        }

        var scope = ScopeFor(identity.ToChannelFromBotOAuthScope.TrimEnd('/'));
        if (identity.EffectiveAppType == OutboundIdentityOptions.UserAssignedMsi)
        {
            var managed = ManagedIdentityApplicationBuilder
                .Create(ManagedIdentityId.WithUserAssignedClientId(identity.MicrosoftAppId))
                .Build();
            // Managed identity takes a resource, not a scope.
            var resource = scope[..^"/.default".Length];
            return ct => managed.AcquireTokenForManagedIdentity(resource).ExecuteAsync(ct);
        }

        var authority = identity.EffectiveAppType == OutboundIdentityOptions.SingleTenant
            // Same login host as ToChannelFromBotLoginUrl (public cloud by default, a government cloud when configured).
            ? new Uri(new Uri(identity.ToChannelFromBotLoginUrl), "/" + Uri.EscapeDataString(identity.MicrosoftAppTenantId!)).AbsoluteUri
            : identity.ToChannelFromBotLoginUrl;
        var confidential = ConfidentialClientApplicationBuilder
            .Create(identity.MicrosoftAppId)
            .WithAuthority(authority, validateAuthority: true)
            .WithClientSecret(identity.MicrosoftAppPassword)
            .Build();
        string[] scopes = [scope];
        return ct => confidential.AcquireTokenForClient(scopes).ExecuteAsync(ct);
    }

    private static string ScopeFor(string resource) =>
        resource.EndsWith("/.default", StringComparison.OrdinalIgnoreCase) ? resource : resource + "/.default";
}
