using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace SocialBot.Bot.Protocol.Auth;

/// <summary>Binds <see cref="BotIdentityOptions"/> from the root keys the Bot Framework samples use.</summary>
internal static class BotIdentityOptionsBinder
{
    public const string AllowUnauthenticatedKey = "BotFramework:AllowUnauthenticated";
    public const string AllowedTenantsKey = "BotFramework:AllowedTenants";
    public const string SigningKeyRefreshMinIntervalKey = "BotFramework:SigningKeyRefreshMinInterval";
    public const string SigningKeyCacheDurationKey = "BotFramework:SigningKeyCacheDuration";

    public static void Bind(IConfiguration configuration, string environmentName, BotIdentityOptions options)
    {
        options.EnvironmentName = environmentName;
        options.MicrosoftAppType = Trimmed(configuration[nameof(BotIdentityOptions.MicrosoftAppType)]);
        options.MicrosoftAppId = Trimmed(configuration[nameof(BotIdentityOptions.MicrosoftAppId)]);
        options.MicrosoftAppPassword = configuration[nameof(BotIdentityOptions.MicrosoftAppPassword)];
        options.MicrosoftAppTenantId = Trimmed(configuration[nameof(BotIdentityOptions.MicrosoftAppTenantId)]);
        options.ToBotFromChannelOpenIdMetadataUrl = Trimmed(configuration[nameof(BotIdentityOptions.ToBotFromChannelOpenIdMetadataUrl)])
            ?? BotIdentityOptions.PublicCloudOpenIdMetadataUrl;
        options.ToBotFromChannelTokenIssuer = Trimmed(configuration[nameof(BotIdentityOptions.ToBotFromChannelTokenIssuer)])
            ?? BotIdentityOptions.PublicCloudTokenIssuer;
        options.ToChannelFromBotLoginUrl = Trimmed(configuration[nameof(BotIdentityOptions.ToChannelFromBotLoginUrl)])
            ?? BotIdentityOptions.PublicCloudLoginUrl;
        options.ToChannelFromBotOAuthScope = Trimmed(configuration[nameof(BotIdentityOptions.ToChannelFromBotOAuthScope)])
            ?? BotIdentityOptions.PublicCloudOAuthScope;
        options.ValidateAuthority = ReadBool(configuration, nameof(BotIdentityOptions.ValidateAuthority), true, options);
        options.AllowUnauthenticated = ReadBool(configuration, AllowUnauthenticatedKey, false, options);
        options.AllowedTenants = ConfigurationList.Read(configuration, AllowedTenantsKey);
        options.SigningKeyRefreshMinInterval = ReadTimeSpan(configuration, SigningKeyRefreshMinIntervalKey, options.SigningKeyRefreshMinInterval, options);
        options.SigningKeyCacheDuration = ReadTimeSpan(configuration, SigningKeyCacheDurationKey, options.SigningKeyCacheDuration, options);
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool ReadBool(IConfiguration configuration, string key, bool fallback, BotIdentityOptions options)
    {
        var raw = Trimmed(configuration[key]);
        if (raw is null)
        {
            return fallback;
        }

        if (bool.TryParse(raw, out var value))
        {
            return value;
        }

        options.BindingErrors.Add($"{key} must be true or false (got '{raw}').");
        return fallback;
    }

    private static TimeSpan ReadTimeSpan(IConfiguration configuration, string key, TimeSpan fallback, BotIdentityOptions options)
    {
        var raw = Trimmed(configuration[key]);
        if (raw is null)
        {
            return fallback;
        }

        if (TimeSpan.TryParse(raw, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        options.BindingErrors.Add($"{key} must be a time span such as 00:05:00 (got '{raw}').");
        return fallback;
    }
}
