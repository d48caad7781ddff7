using System.Net;
using System.Text.Json.Nodes;
using SocialBot.IntegrationTests.Hosting;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.EndToEnd;

/// <summary>
/// The social team tracks the brand in the Agents Playground, a signed mention arrives at the bot's webhook, the alert
/// shows up in the chat, is assigned and handled from the card; then the trends card shows what is rising.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class MentionsPlaygroundTests
{
    private const string Secret = "playground-ingestion-secret-0123456789";

    [Fact]
    public async Task Track_AlertArrives_AssignAndMarkHandled_ThenTrends()
    {
        var tenant = new PlaygroundScenario().TenantId;
        await using var session = await PlaygroundSession.StartAsync(new Dictionary<string, string>
        {
            ["Ingestion__Secret"] = Secret,
            ["Ingestion__PollInterval"] = "00:00:00.200",
        });
        var page = session.Page;
        await page.WaitForBotTextAsync("Hi, I'm SocialBot");

        await page.SendAsync("track acme");
        await page.WaitForBotTextAsync("Tracking rule 1");

        using var http = new HttpClient { BaseAddress = session.Bot.BaseUrl };
        for (var i = 0; i < 6; i++)
        {
            var response = await MentionWebhook.PostSignedAsync(http, Secret, Mention(tenant, "x-" + i, i == 0 ? "@acme I want a refund, the app is broken and terrible #acmedown" : $"Is #acmedown happening for everyone? ({i})"));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await page.WaitForBotTextAsync("High-priority mention on X");
        await page.ScreenshotAsync("mentions-alert");
        await page.ClickCardActionAsync("Assign to me");
        await page.WaitForBotTextAsync("Assigned to");
        await page.ClickCardActionAsync("Mark handled");
        await page.WaitForBotTextAsync("Handled by");
        await page.ScreenshotAsync("mentions-handled");

        await page.SendAsync("trends");
        await page.WaitForBotTextAsync("Trending · last 24 hours");
        await page.ScreenshotAsync("trends-card");
        Assert.Contains("#acmedown", await page.ReadLatestCardTextAsync(), StringComparison.Ordinal);
    }

    private static JsonObject Mention(string tenant, string id, string text) => new()
    {
        ["id"] = id,
        ["source"] = "x",
        ["url"] = "https://x.example/status/" + id,
        ["author"] = new JsonObject { ["handle"] = "@fan" + id, ["name"] = "A Fan", ["followers"] = 15_300 },
        ["text"] = text,
        ["createdAt"] = DateTimeOffset.UtcNow.ToString("O"),
        ["tenantId"] = tenant,
    };
}
