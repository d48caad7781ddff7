using SocialBot.Testing;

namespace SocialBot.IntegrationTests.EndToEnd;

/// <summary>The social team subscribes a chat to the daily digest and asks for one now, in the Agents Playground.</summary>
[Trait("Category", "EndToEnd")]
public sealed class DigestPlaygroundTests
{
    [Fact]
    public async Task DigestHereThenNow_ScheduleShownAndDigestCardSent()
    {
        await using var session = await PlaygroundSession.StartAsync();
        var page = session.Page;
        await page.WaitForBotTextAsync("Hi, I'm SocialBot");

        await page.SendAsync("digest here at 09:00 Europe/Berlin weekdays");
        await page.WaitForBotTextAsync("Next digest in");
        await page.SendAsync("digest now");
        await page.WaitForBotTextAsync("Daily digest ·");
        await page.ScreenshotAsync("digest-now");
    }
}
