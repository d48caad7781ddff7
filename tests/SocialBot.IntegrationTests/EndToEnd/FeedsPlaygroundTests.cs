using SocialBot.IntegrationTests.Features.Mentions.Feeds;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.EndToEnd;

/// <summary>
/// The social team follows a news feed from the Agents Playground; a new article about an outage shows up in the chat
/// as an alert card; <c>tracking</c> lists the feed and <c>untrack F1</c> stops it.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class FeedsPlaygroundTests
{
    [Fact]
    public async Task TrackFeed_NewArticleAlerts_TrackingListsIt_UntrackStops()
    {
        await using var feed = await LoopbackFeedServer.StartAsync();
        feed.Add("launch", "Acme launches Cloud 2", "A calm launch story");
        await using var session = await PlaygroundSession.StartAsync(new Dictionary<string, string>
        {
            ["Ingestion__PollInterval"] = "00:00:00.200",
            ["Mentions__FeedPollInterval"] = "00:00:02",
            ["Mentions__AllowPrivateFeedAddresses"] = "true",
        });
        var page = session.Page;
        await page.WaitForBotTextAsync("Hi, I'm SocialBot");

        await page.SendAsync($"track feed {feed.Url}");
        await page.WaitForBotTextAsync("Following feed F1");

        feed.Add("outage", "Acme Cloud outage leaves customers without refunds", "Checkout has been broken for hours and customers are furious.");
        await page.WaitForBotTextAsync("High-priority mention on News");
        await page.ScreenshotAsync("feeds-alert");
        Assert.Contains("Acme Cloud outage", await page.ReadLatestCardTextAsync(), StringComparison.Ordinal);

        await page.SendAsync("tracking");
        await page.WaitForBotTextAsync("This chat follows 1 feed");
        await page.ScreenshotAsync("feeds-tracking");

        await page.SendAsync("untrack F1");
        await page.WaitForBotTextAsync("Stopped following feed F1");
    }
}
