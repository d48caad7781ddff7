using System.Globalization;

namespace SocialBot.Bot.Ingestion;

/// <summary>How many people a mention's author reaches, as cards show it.</summary>
internal static class Reach
{
    /// <summary>"12.3K followers", "2.4M followers", "950 followers", "1 follower".</summary>
    public static string Describe(long followers) => followers switch
    {
        >= 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{followers / 1_000_000d:0.#}M followers"),
        >= 1_000 => string.Create(CultureInfo.InvariantCulture, $"{followers / 1_000d:0.#}K followers"),
        1 => "1 follower",
        _ => string.Create(CultureInfo.InvariantCulture, $"{followers} followers"),
    };
}
