namespace SocialBot.Testing;

/// <summary>
/// The usual end-to-end setup in one piece: the bot process in Development without a bot identity, the Agents
/// Playground pointed at it, and a Chromium page on the Playground. Disposed in reverse order.
/// </summary>
public sealed class PlaygroundSession : IAsyncDisposable
{
    private PlaygroundSession(BotProcess bot, AgentsPlayground playground, PlaygroundPage page)
    {
        Bot = bot;
        Playground = playground;
        Page = page;
    }

    public BotProcess Bot { get; }

    public AgentsPlayground Playground { get; }

    public PlaygroundPage Page { get; }

    /// <param name="environment">Extra environment variables for the bot (configuration keys with <c>__</c>).</param>
    public static async Task<PlaygroundSession> StartAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var variables = new Dictionary<string, string> { ["BotFramework__AllowUnauthenticated"] = "true" };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            variables[key] = value;
        }

        var bot = await BotProcess.StartAsync(new BotProcessOptions { EnvironmentName = "Development", Environment = variables }).ConfigureAwait(false);
        AgentsPlayground? playground = null;
        try
        {
            playground = await AgentsPlayground.StartAsync(bot.MessagesEndpoint).ConfigureAwait(false);
            var page = await PlaygroundPage.OpenAsync(playground, bot.Diagnostics).ConfigureAwait(false);
            return new PlaygroundSession(bot, playground, page);
        }
        catch
        {
            if (playground is not null)
            {
                await playground.DisposeAsync().ConfigureAwait(false);
            }

            await bot.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Page.DisposeAsync().ConfigureAwait(false);
        await Playground.DisposeAsync().ConfigureAwait(false);
        await Bot.DisposeAsync().ConfigureAwait(false);
    }
}
