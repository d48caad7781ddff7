using SocialBot.Testing;

namespace SocialBot.IntegrationTests.EndToEnd;

/// <summary>A contributor drafts and submits a post in the Agents Playground.</summary>
[Trait("Category", "EndToEnd")]
public sealed class DraftsPlaygroundTests
{
    [Fact]
    public async Task NewPost_CheckWithoutNetworkThenSubmit_ErrorThenConfirmation()
    {
        await using var session = await PlaygroundSession.StartAsync();
        var page = session.Page;

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
