using SocialBot.Testing;

namespace SocialBot.IntegrationTests.EndToEnd;

/// <summary>The approval commands in the Agents Playground as two different users: an approver and a contributor.</summary>
[Trait("Category", "EndToEnd")]
public sealed class ApprovalsPlaygroundTests
{
    [Fact]
    public async Task ApprovalCommands_ApproverManagesContributorRefused()
    {
        var scenario = PlaygroundScenario.Default;
        await using var bot = await StartBotWithApproverAsync(scenario);

        await using (var playground = await AgentsPlayground.StartAsync(bot.MessagesEndpoint, scenario.WithCurrentUser(scenario.Approver)))
        await using (var page = await PlaygroundPage.OpenAsync(playground, bot.Diagnostics))
        {
            await page.SendAsync("approvals here");
            await page.WaitForBotTextAsync("Approval requests will be posted here");
            await page.SendAsync("approvers");
            await page.WaitForBotTextAsync("any one approver");
            await page.SendAsync("pending");
            await page.WaitForBotTextAsync("Nothing is waiting for your decision");
            await page.ScreenshotAsync("approvals-approver-commands");
        }

        await using (var playground = await AgentsPlayground.StartAsync(bot.MessagesEndpoint, scenario))
        await using (var page = await PlaygroundPage.OpenAsync(playground, bot.Diagnostics))
        {
            await page.SendAsync("approvals here");
            await page.WaitForBotTextAsync("Only admins and approvers can choose where approval requests go");
            await page.SendAsync("pending");
            await page.WaitForBotTextAsync("You have no posts waiting for approval");
            await page.ScreenshotAsync("approvals-contributor-refused");
        }
    }

    [Fact]
    public async Task Settings_ApproverChangesReminderTime_ContributorSeesThemReadOnly()
    {
        var scenario = PlaygroundScenario.Default;
        await using var bot = await StartBotWithApproverAsync(scenario);

        await using (var playground = await AgentsPlayground.StartAsync(bot.MessagesEndpoint, scenario.WithCurrentUser(scenario.Approver)))
        await using (var page = await PlaygroundPage.OpenAsync(playground, bot.Diagnostics))
        {
            // The welcome card is sent while the page opens; wait for it so that "the newest card" is the settings card.
            await page.WaitForBotTextAsync("Hi, I'm SocialBot");
            await page.SendAsync("settings");
            await page.WaitForBotTextAsync("Approval settings");
            Assert.Contains("💾 Save", await page.ReadCardActionTitlesAsync());
            await page.FillCardInputAsync("Name", "Social team");
            await page.FillCardInputAsync("Remind after", "2h 30m");
            await page.FillCardInputAsync("Who decides", "Everyone must approve");

            var answer = await page.ClickCardActionAsync("💾 Save");

            Assert.Contains("Saved.", answer, StringComparison.Ordinal);
            await page.WaitForBotTextAsync("Saved.");
            await page.WaitForBotTextAsync("2 hours, 30 minutes");
            await page.ScreenshotAsync("approvals-settings-saved");
        }

        await using (var playground = await AgentsPlayground.StartAsync(bot.MessagesEndpoint, scenario))
        await using (var page = await PlaygroundPage.OpenAsync(playground, bot.Diagnostics))
        {
            // The welcome card is sent while the page opens; wait for it so that "the newest card" is the settings card.
            await page.WaitForBotTextAsync("Hi, I'm SocialBot");
            await page.SendAsync("settings");
            await page.WaitForBotTextAsync("Only admins and approvers can change these settings.");
            var text = await page.ReadLatestCardTextAsync();
            Assert.Contains("Social team", text, StringComparison.Ordinal);
            Assert.Contains("2h 30m", text, StringComparison.Ordinal);
            Assert.Contains(scenario.Approver.Name, text, StringComparison.Ordinal);
            Assert.Empty(await page.ReadCardActionTitlesAsync());
            await page.ScreenshotAsync("approvals-settings-read-only");
        }
    }

    /// <summary>The bot as a Playground talks to it (no tokens, Development), with the scenario's approver configured.</summary>
    private static Task<BotProcess> StartBotWithApproverAsync(PlaygroundScenario scenario) =>
        BotProcess.StartAsync(new BotProcessOptions
        {
            EnvironmentName = "Development",
            Environment = new Dictionary<string, string>
            {
                ["BotFramework__AllowUnauthenticated"] = "true",
                ["Approvals__Approvers"] = scenario.Approver.AadObjectId,
            },
        });
}
