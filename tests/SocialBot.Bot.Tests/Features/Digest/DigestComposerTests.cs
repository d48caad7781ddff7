using SocialBot.Bot.Features.Digest;

namespace SocialBot.Bot.Tests.Features.Digest;

public sealed class DigestComposerTests
{
    private static readonly DigestQuery Query = new("contoso", "19:team@thread.tacv2", new DateTimeOffset(2026, 12, 8, 8, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc);

    [Fact]
    public void Model_ApproversWithWaitingItems_RefreshForTheirTeamsIdsAndAPersonalLine()
    {
        var approvals = new ApprovalsDigestSection(
            3,
            TimeSpan.FromHours(5),
            0,
            1,
            null,
            new Dictionary<string, int> { ["entra-ada"] = 2, ["entra-lee"] = 1 },
            ["29:ada", "29:lee"]);

        var forAda = DigestComposer.Model(Query, approvals, null, null, null, null, ["entra-ada", "29:ada"]);
        var forSomeoneElse = DigestComposer.Model(Query, approvals, null, null, null, null, ["entra-kim"]);

        Assert.Equal(["29:ada", "29:lee"], forAda.RefreshUserIds);
        Assert.DoesNotContain(forAda.RefreshUserIds, id => id.StartsWith("entra-", StringComparison.Ordinal));
        Assert.Equal("2 approvals wait for you", forAda.ViewerLine);
        Assert.Null(forSomeoneElse.ViewerLine);
    }

    [Fact]
    public void Model_ApproverTeamsIdsUnknown_NoRefreshRatherThanEntraIds()
    {
        var approvals = new ApprovalsDigestSection(1, TimeSpan.FromHours(1), 0, 0, null, new Dictionary<string, int> { ["entra-ada"] = 1 });

        Assert.Empty(DigestComposer.Model(Query, approvals, null, null, null, null, []).RefreshUserIds);
    }
}
