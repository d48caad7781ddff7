using Microsoft.Extensions.Options;
using SocialBot.Bot.Protocol.Auth;

namespace SocialBot.Bot.Turns;

internal sealed class ConfiguredTenantAllowList(IOptions<BotIdentityOptions> options) : ITenantAllowList
{
    public bool IsAllowed(string? tenantId) => options.Value.IsTenantAllowed(tenantId);
}
