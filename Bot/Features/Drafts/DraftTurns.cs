using Microsoft.Extensions.Options;
using SocialBot.Bot.Turns;

namespace SocialBot.Bot.Features.Drafts;

/// <summary>Who is acting and in which time zone, from a turn.</summary>
internal sealed class DraftTurns(IOptions<DraftsZoneOptions> zoneOptions)
{
    public static DraftPerson Actor(TurnContext turn) => new(turn.User.Id, turn.User.ChannelAccountId, turn.User.Name);

    /// <summary>The user's zone from the Teams clientInfo entity, else the team default, else UTC.</summary>
    public TimeZoneInfo ZoneOf(TurnContext turn)
    {
        foreach (var candidate in new[] { turn.UserTimeZone, zoneOptions.Value.DefaultTimeZone })
        {
            if (!string.IsNullOrWhiteSpace(candidate) && TimeZoneInfo.TryFindSystemTimeZoneById(candidate, out var zone))
            {
                return zone;
            }
        }

        return TimeZoneInfo.Utc;
    }
}

/// <summary>The team's default time zone (<c>Digest:DefaultTimeZone</c>, shared with the digest).</summary>
internal sealed class DraftsZoneOptions
{
    public string? DefaultTimeZone { get; set; }
}
