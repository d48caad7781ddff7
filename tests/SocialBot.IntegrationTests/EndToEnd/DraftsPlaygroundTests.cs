using SocialBot.Testing;

namespace SocialBot.IntegrationTests.EndToEnd;

/// <summary>A contributor drafts and submits a post in the Agents Playground.</summary>
[Trait("Category", "EndToEnd")]
public sealed class DraftsPlaygroundTests
{
    [Fact]
    public async Task NewPost_CheckWithoutNetworkThenSubmit_ErrorThenConfirmation()
    {
        await using var bot = await BotProcess.StartAsync(new BotProcessOptions
        {
            EnvironmentName = "Development",
            Environment = new Dictionary<string, string> { ["BotFramework__AllowUnauthenticated"] = "true" },
        });
        await using var playground = await AgentsPlayground.StartAsync(bot.MessagesEndpoint);
        await using var page = await PlaygroundPage.OpenAsync(playground, bot.Diagnostics);

        // The welcome card arrives on install; wait for it so the form is the newest card.
        await page.WaitForBotTextAsync("Hi, I'm SocialBot");
        await page.SendAsync("new post Our winter launch is live! #acme");
        await page.WaitForBotTextAsync("Submit for approval");
        await page.ClickCardActionAsync("Check");
        await page.WaitForBotTextAsync("Pick at least one network.");
        await page.ScreenshotAsync("drafts-form-error");

        await page.CheckCardChoiceAsync("LinkedIn");
        await page.ClickCardActionAsync("Submit for approval");
        await page.WaitForBotTextAsync("P-1 sent for approval");
        await page.ScreenshotAsync("drafts-submitted");

        await page.SendAsync("my drafts");
        await page.WaitForBotTextAsync("Waiting for approval");
    }
}
