using System.Net;
using System.Text.Json.Nodes;
using SocialBot.IntegrationTests.Hosting;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.EndToEnd;

/// <summary>
/// A tracked rule gets a burst of signed mentions: the spike card appears in the Agents Playground with its headline,
/// sparkline and samples, and an approver's Freeze updates the card in place.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class SpikesPlaygroundTests
{
    private const string Secret = "playground-spike-secret-0123456789";

    [Fact]
    public async Task Track_Burst_SpikeCardShows_FreezeUpdatesIt()
    {
        var scenario = PlaygroundScenario.Default;
        await using var session = await PlaygroundSession.StartAsync(new Dictionary<string, string>
        {
            ["Ingestion__Secret"] = Secret,
            ["Ingestion__PollInterval"] = "00:00:00.200",
            ["Approvals__Approvers"] = scenario.Author.AadObjectId,
        });
        var page = session.Page;
        await page.WaitForBotTextAsync("Hi, I'm SocialBot");
        await page.SendAsync("track acme");
        await page.WaitForBotTextAsync("Tracking rule 1");

        using var http = new HttpClient { BaseAddress = session.Bot.BaseUrl };
        var burst = new JsonArray([.. Enumerable.Range(0, 10).Select(i => (JsonNode)Mention(scenario.TenantId, "spike-" + i, i % 2 == 0 ? $"Is acme down for everyone? #acmedown ({i})" : $"acme checkout keeps failing #acmedown ({i})"))]);
        Assert.Equal(HttpStatusCode.Accepted, (await MentionWebhook.PostSignedAsync(http, Secret, burst)).StatusCode);

        await page.WaitForBotTextAsync("10 mentions in the last hour");
        var card = await page.ReadLatestCardTextAsync();
        Assert.Contains("Mention spike", card, StringComparison.Ordinal);
        Assert.Contains("#acmedown", card, StringComparison.Ordinal);
        Assert.Contains("#acmedown, ", card, StringComparison.Ordinal);
        Assert.DoesNotContain(", acme", card, StringComparison.Ordinal);
        await page.ScreenshotAsync("spike-card");

        await page.ClickCardActionAsync("Freeze scheduled posts");
        await page.WaitForBotTextAsync("No scheduled posts to freeze · checked by");
        Assert.Contains("Freeze scheduled posts", string.Join("|", await page.ReadCardActionTitlesAsync()), StringComparison.Ordinal);
        await page.ScreenshotAsync("spike-card-after-freeze");
    }

    private static JsonObject Mention(string tenant, string id, string text) => new()
    {
        ["id"] = id,
        ["source"] = "x",
        ["url"] = "https://x.example/status/" + id,
        ["author"] = new JsonObject { ["handle"] = "@fan" + id, ["name"] = "A Fan", ["followers"] = 1_000 + id.Length },
        ["text"] = text,
        ["createdAt"] = DateTimeOffset.UtcNow.ToString("O"),
        ["tenantId"] = tenant,
    };
}
