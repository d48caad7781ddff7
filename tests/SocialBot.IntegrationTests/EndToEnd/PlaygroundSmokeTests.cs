using System.Text.Json;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.EndToEnd;

/// <summary>
/// Drives the real bot host through Microsoft's Agents Playground in headless Chromium.
/// Needs tests/e2e/node_modules (npm ci --prefix tests/e2e) and /usr/bin/chromium.
/// Screenshots land in artifacts/e2e-screenshots/.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class PlaygroundSmokeTests
{
    // Product texts this test relies on: keep them in sync with the help card.
    private const string HelpCommand = "help";
    private const string HelpCardMentions = "SocialBot";

    [Fact]
    public async Task Help_InPersonalChat_ShowsHelpCardWhoseFirstButtonIsAccepted()
    {
        await using var session = await PlaygroundSession.StartAsync();
        var page = session.Page;

        await page.SendAsync(HelpCommand);
        await page.WaitForBotTextAsync(HelpCardMentions);
        await page.ScreenshotAsync("smoke-help-card");
        var actions = await page.ReadCardActionTitlesAsync();
        Assert.NotEmpty(actions);

        var invokeResponse = await page.ClickCardActionAsync(actions[0]);
        await page.ScreenshotAsync("smoke-help-card-after-first-action");

        using var json = JsonDocument.Parse(invokeResponse);
        Assert.True(json.RootElement.TryGetProperty("type", out var type), $"The invoke response has no type: {invokeResponse}");
        Assert.NotEqual("application/vnd.microsoft.error", type.GetString());
    }
}
