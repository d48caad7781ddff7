namespace SocialBot.Bot.Ingestion;

/// <summary>The tenants the bot serves (<c>BotFramework:AllowedTenants</c>); empty means any tenant.</summary>
internal interface IKnownTenants
{
    IReadOnlyList<string> Tenants { get; }
}

/// <summary>Reads <c>BotFramework:AllowedTenants</c> as a comma-separated value or the indexed form (<c>Key:0</c>, <c>Key:1</c>).</summary>
internal sealed class ConfiguredKnownTenants(IConfiguration configuration) : IKnownTenants
{
    public const string Key = "BotFramework:AllowedTenants";

    public IReadOnlyList<string> Tenants { get; } = Read(configuration);

    internal static IReadOnlyList<string> Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Key);
        var values = new List<string>();
        if (section.Value is { } single)
        {
            values.AddRange(single.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        foreach (var child in section.GetChildren())
        {
            if (child.Value is { } value)
            {
                values.AddRange(value.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
        }

        return values.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
    }
}
