using System.Globalization;

namespace SocialBot.Bot.Features.Drafts.Rules;

internal enum RuleSeverity
{
    Error,
    Warning,
}

/// <summary>One problem found in a post. <paramref name="Network"/> is null when it concerns every network.</summary>
internal sealed record RuleFinding(RuleSeverity Severity, SocialNetwork? Network, string Code, string Message);

/// <summary>How much of a network's limit the post uses, counted the way that network counts.</summary>
internal sealed record NetworkCount(SocialNetwork Network, int Used, int Limit)
{
    /// <summary>How many units over the limit; 0 when within it.</summary>
    public int Over => Math.Max(0, Used - Limit);

    public bool IsOver => Used > Limit;

    /// <summary>The card counter: <c>X 213/280</c>, or <c>Bluesky 312/300 — 12 over</c>.</summary>
    public string Display => IsOver
        ? string.Create(CultureInfo.InvariantCulture, $"{Network.DisplayName()} {Used}/{Limit} — {Over} over")
        : string.Create(CultureInfo.InvariantCulture, $"{Network.DisplayName()} {Used}/{Limit}");
}

internal sealed record PostRulesReport(IReadOnlyList<NetworkCount> Counts, IReadOnlyList<RuleFinding> Findings)
{
    /// <summary>Errors block submission; warnings don't.</summary>
    public bool CanSubmit => !Findings.Any(static f => f.Severity == RuleSeverity.Error);

    public IEnumerable<RuleFinding> Errors => Findings.Where(static f => f.Severity == RuleSeverity.Error);

    public IEnumerable<RuleFinding> Warnings => Findings.Where(static f => f.Severity == RuleSeverity.Warning);

    public NetworkCount? CountFor(SocialNetwork network)
    {
        foreach (var count in Counts)
        {
            if (count.Network == network)
            {
                return count;
            }
        }

        return null;
    }
}
