using Microsoft.Extensions.Options;

namespace SocialBot.Bot.Protocol.Auth;

/// <summary>Start-up checks for <see cref="BotIdentityOptions"/>; every message names the key to fix.</summary>
internal sealed class BotIdentityOptionsValidator : IValidateOptions<BotIdentityOptions>
{
    public ValidateOptionsResult Validate(string? name, BotIdentityOptions options)
    {
        var failures = new List<string>(options.BindingErrors);

        var appType = options.ParsedAppType;
        if (appType is null)
        {
            failures.Add($"MicrosoftAppType must be SingleTenant, MultiTenant or UserAssignedMSI (got '{options.MicrosoftAppType}').");
        }

        ValidateMetadataUrl(options.ToBotFromChannelOpenIdMetadataUrl, failures);

        if (string.IsNullOrWhiteSpace(options.ToBotFromChannelTokenIssuer))
        {
            failures.Add("ToBotFromChannelTokenIssuer must not be empty.");
        }

        if (options.HasAppId)
        {
            if (appType is MicrosoftAppType.SingleTenant or MicrosoftAppType.UserAssignedMSI
                && string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId))
            {
                failures.Add($"MicrosoftAppTenantId is required when MicrosoftAppType is {appType}.");
            }
        }
        else if (!options.AllowsAnonymousRequests)
        {
            failures.Add(
                "MicrosoftAppId is not set, so incoming requests could not be authenticated and the bot will not start. "
                + "Set MicrosoftAppId (with MicrosoftAppPassword or a managed identity). Only for local testing with the Agents Playground "
                + "may you run without it: set BotFramework:AllowUnauthenticated=true AND run in the Development environment "
                + $"(current environment: {options.EnvironmentName}; BotFramework:AllowUnauthenticated={(options.AllowUnauthenticated ? "true" : "false")}).");
        }

        if (options.SigningKeyRefreshMinInterval < TimeSpan.Zero)
        {
            failures.Add($"{BotIdentityOptionsBinder.SigningKeyRefreshMinIntervalKey} must not be negative.");
        }

        if (options.SigningKeyCacheDuration <= TimeSpan.Zero)
        {
            failures.Add($"{BotIdentityOptionsBinder.SigningKeyCacheDurationKey} must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateMetadataUrl(string? url, List<string> failures)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"ToBotFromChannelOpenIdMetadataUrl must be an absolute https URL (got '{url}').");
            return;
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            failures.Add(
                $"ToBotFromChannelOpenIdMetadataUrl must use https; plain http is allowed only for a loopback host (127.0.0.1, ::1, localhost) (got '{url}').");
        }
    }
}
