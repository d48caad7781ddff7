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
    public void Model_EverySection_HumanizedAndPluralized()
    {
        var approvals = new ApprovalsDigestSection(1, TimeSpan.FromHours(26), 1, 3, TimeSpan.FromMinutes(90), new Dictionary<string, int>());
        var publishing = new PublishingDigestSection([new ScheduledPostLine("P-7", "Launch day is here", Query.Now.AddHours(2), ["X", "LinkedIn"])]);
        var mentions = new MentionsDigestSection(12, 2, 7, 3, 4, 6, 2, 5, TimeSpan.FromMinutes(40), [new MentionDigestLine("X", "@fan", 15_300, "acme outage again", null, "High")]);
        var trends = new TrendsDigestSection([new TrendDigestLine("#launchday", 42, "+340%"), new TrendDigestLine("acme cloud", 1, "new")]);

        var model = DigestComposer.Model(Query, approvals, publishing, mentions, trends, null, []);
        var text = string.Join("\n", model.Sections.SelectMany(s => s.Facts.Select(f => $"{s.Title}|{f.Title}: {f.Value}").Concat(s.Lines.Select(l => $"{s.Title}|{l}"))));

        Assert.Equal(["Approvals", "Publishing today", "Mentions", "Trending"], model.Sections.Select(s => s.Title));
        Assert.Contains("Approvals|Waiting: 1 approval", text, StringComparison.Ordinal);
        Assert.Contains("Approvals|Oldest: waiting 1 day", text, StringComparison.Ordinal);
        Assert.Contains("Approvals|Median turnaround: 1 hour", text, StringComparison.Ordinal);
        Assert.Contains("Publishing today|Scheduled: 1 post", text, StringComparison.Ordinal);
        Assert.Contains("10:00 · X, LinkedIn · Launch day is here", text, StringComparison.Ordinal);
        Assert.Contains("Mentions|Last 24 hours: 12 mentions", text, StringComparison.Ordinal);
        Assert.Contains("Mentions|Priority: 2 high · 7 normal · 3 low", text, StringComparison.Ordinal);
        Assert.Contains("Mentions|Median time to handle: 40 minutes", text, StringComparison.Ordinal);
        Assert.Contains("Trending|#launchday · 42 mentions · +340%", text, StringComparison.Ordinal);
        Assert.Contains("Trending|acme cloud · 1 mention · new", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Model_QuietDay_NoSections()
    {
        var model = DigestComposer.Model(Query, new ApprovalsDigestSection(0, null, 0, 0, null, new Dictionary<string, int>()), new PublishingDigestSection([]), null, new TrendsDigestSection([]), null, []);

        Assert.Empty(model.Sections);
    }

    [Fact]
    public void Model_ApproverTeamsIdsUnknown_NoRefreshRatherThanEntraIds()
    {
        var approvals = new ApprovalsDigestSection(1, TimeSpan.FromHours(1), 0, 0, null, new Dictionary<string, int> { ["entra-ada"] = 1 });

        Assert.Empty(DigestComposer.Model(Query, approvals, null, null, null, null, []).RefreshUserIds);
    }
}
