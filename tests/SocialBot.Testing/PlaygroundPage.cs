using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace SocialBot.Testing;

/// <summary>
/// Drives the Agents Playground web UI in headless Debian Chromium through Playwright.
/// Every step that fails saves a screenshot and throws <see cref="PlaygroundException"/> with the log locations.
/// </summary>
public sealed partial class PlaygroundPage : IAsyncDisposable
{
    /// <summary>Chromium from Debian; Playwright never downloads a browser here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly AgentsPlayground _playground;
    private readonly Func<string>? _moreDiagnostics;

    private PlaygroundPage(IPlaywright playwright, IBrowser browser, IPage page, AgentsPlayground playground, Func<string>? moreDiagnostics)
    {
        _playwright = playwright;
        _browser = browser;
        _playground = playground;
        _moreDiagnostics = moreDiagnostics;
        Page = page;
        Conversation = playground.Scenario.PersonalChat;
    }

    /// <summary>The underlying Playwright page, for anything this wrapper does not cover.</summary>
    public IPage Page { get; }

    /// <summary>The conversation currently shown.</summary>
    public PlaygroundConversation Conversation { get; private set; }

    /// <summary>
    /// The user this page acts as: always the Playground's current user (it cannot switch users; start a second
    /// Playground with <see cref="PlaygroundScenario.WithCurrentUser"/> to act as someone else).
    /// </summary>
    public PlaygroundUser CurrentUser => _playground.Scenario.Author;

    /// <summary>Folder for screenshots: artifacts/e2e-screenshots at the repository root.</summary>
    public static string ScreenshotDirectory => RepositoryRoot.Combine("artifacts", "e2e-screenshots");

    private string BotName => _playground.Scenario.BotName;

    /// <summary>
    /// Adaptive Cards sent by the bot. A message belongs to whoever's avatar comes first in its nearest
    /// enclosing block that has an avatar (true for chat bubbles, channel posts and channel replies).
    /// </summary>
    private ILocator BotCards => Page.Locator(
        $"xpath=//div[contains(concat(' ', normalize-space(@class), ' '), ' ac-adaptiveCard ')]{AuthoredByBot}");

    /// <summary>Text paragraphs and cards sent by the bot (user messages render as spans, the composer is contenteditable).</summary>
    private ILocator BotContent => Page.Locator(
        $"xpath=//*[self::p or contains(concat(' ', normalize-space(@class), ' '), ' ac-adaptiveCard ')][not(ancestor::*[@contenteditable='true'])][not(ancestor::*[@role='tree'])]{AuthoredByBot}");

    private string AuthoredByBot =>
        $"[(ancestor::div[.//span[@role='img']][1]//span[@role='img'])[1][@aria-label={XPathLiteral(BotName)}]]";

    /// <summary>
    /// The newest bot card. Chats list messages oldest first; channels list threads newest first,
    /// so there it is the last card of the newest thread that has one.
    /// </summary>
    private ILocator LatestCard => Conversation.Kind == PlaygroundConversationKind.Channel
        ? Page.GetByRole(AriaRole.Group).Filter(new() { Has = BotCards }).First.Locator(BotCards).Last
        : BotCards.Last;

    /// <summary>Launches Chromium, opens the Playground UI and waits until the conversation list is shown.</summary>
    /// <param name="playground">A running Playground.</param>
    /// <param name="moreDiagnostics">Extra text for failure messages, e.g. <c>bot.Diagnostics</c>.</param>
    public static async Task<PlaygroundPage> OpenAsync(AgentsPlayground playground, Func<string>? moreDiagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(playground);
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing. Install Debian's chromium package (apt-get install chromium).");
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        IBrowser? browser = null;
        try
        {
            browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ChromiumArgs,
                Timeout = 60_000,
            });
            var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 }, Locale = "en-US" });
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout((float)DefaultTimeout.TotalMilliseconds);
            page.SetDefaultNavigationTimeout(60_000);

            var wrapper = new PlaygroundPage(playwright, browser, page, playground, moreDiagnostics);
            await wrapper.StepAsync("open the Playground", async () =>
            {
                await page.GotoAsync(playground.Url.ToString());
                // The UI waits up to 15 s for the bot endpoint before it renders the conversations.
                await page.GetByRole(AriaRole.Treeitem, new() { Name = playground.Scenario.PersonalChat.TreeItemName, Exact = true })
                    .WaitForAsync(new() { Timeout = 45_000 });
                await wrapper.ComposerFor(playground.Scenario.PersonalChat).WaitForAsync();
                return true;
            });
            return wrapper;
        }
        catch
        {
            if (browser is not null)
            {
                await browser.CloseAsync();
            }

            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Shows a conversation (personal chat, group chat or a channel) by clicking it in the left pane.</summary>
    public Task OpenConversationAsync(PlaygroundConversation conversation) =>
        StepAsync($"open conversation '{conversation.TreeItemName}'", async () =>
        {
            await Page.GetByRole(AriaRole.Treeitem, new() { Name = conversation.TreeItemName, Exact = true }).ClickAsync();
            Conversation = conversation;
            await ComposerFor(conversation).WaitForAsync();
            return true;
        });

    /// <summary>
    /// Types and sends a message in the current conversation and waits until the Playground accepted it.
    /// In group chats and channels the bot is @mentioned first (bots only hear mentions there) unless told otherwise.
    /// </summary>
    public Task SendAsync(string text, bool? mentionBot = null) =>
        StepAsync($"send '{text}'", async () =>
        {
            var mention = mentionBot ?? Conversation.Kind != PlaygroundConversationKind.Personal;
            var composer = ComposerFor(Conversation);
            await composer.ClickAsync();
            if (mention)
            {
                await composer.PressSequentiallyAsync("@");
                var suggestions = Page.GetByRole(AriaRole.Listbox, new() { Name = "Typeahead menu" });
                await suggestions.GetByRole(AriaRole.Menuitem).Filter(new() { HasTextRegex = ExactText(BotName) }).First.ClickAsync();
                await Page.Keyboard.InsertTextAsync(" ");
            }

            await Page.Keyboard.InsertTextAsync(text);
            var response = await Page.RunAndWaitForResponseAsync(
                async () =>
                {
                    if (Conversation.Kind == PlaygroundConversationKind.Channel)
                    {
                        await NewPostArea.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();
                    }
                    else
                    {
                        await composer.PressAsync("Enter");
                    }
                },
                r => r.Request.Method == "POST" && MessagesApi().IsMatch(r.Url));
            await EnsureAcceptedAsync(response);
            return true;
        });

    /// <summary>Waits (20 s by default) until a bot message or card in the current view contains <paramref name="text"/>; returns that message's text.</summary>
    public Task<string> WaitForBotTextAsync(string text, TimeSpan? timeout = null) =>
        StepAsync($"wait for bot text '{text}'", async () =>
        {
            var match = BotContent.Filter(new() { HasText = text }).Last;
            await match.WaitForAsync(new() { Timeout = (float)(timeout ?? DefaultTimeout).TotalMilliseconds });
            return await match.InnerTextAsync();
        });

    /// <summary>Waits for a bot card in the current view and returns the newest card's visible text.</summary>
    public Task<string> ReadLatestCardTextAsync() =>
        StepAsync("read the latest card", async () =>
        {
            await BotCards.First.WaitForAsync();
            return await LatestCard.InnerTextAsync();
        });

    /// <summary>Titles of the action buttons of the newest bot card, in order.</summary>
    public Task<IReadOnlyList<string>> ReadCardActionTitlesAsync() =>
        StepAsync("read the latest card's actions", async () =>
        {
            await BotCards.First.WaitForAsync();
            var titles = await LatestCard.Locator(".ac-actionSet").GetByRole(AriaRole.Button).AllInnerTextsAsync();
            return (IReadOnlyList<string>)[.. titles.Select(t => t.Trim())];
        });

    /// <summary>
    /// Fills an input of the newest bot card, found by its label or placeholder. (The card renderer does not put
    /// the card's input ids into the page, so ids cannot be used.) Works for text, number, date, toggles and compact choice sets.
    /// </summary>
    public Task FillCardInputAsync(string labelOrPlaceholder, string value) =>
        StepAsync($"fill card input '{labelOrPlaceholder}'", async () =>
        {
            var card = LatestCard;
            var input = card.GetByLabel(labelOrPlaceholder).Or(card.GetByPlaceholder(labelOrPlaceholder)).First;
            var kind = await input.EvaluateAsync<string>("e => e.tagName.toLowerCase() + ':' + (e.type || '')");
            switch (kind)
            {
                case "select:select-one" or "select:select-multiple":
                    await input.SelectOptionAsync(new SelectOptionValue { Label = value });
                    break;
                case "input:checkbox" or "input:radio":
                    await input.SetCheckedAsync(bool.Parse(value));
                    break;
                default:
                    await input.FillAsync(value);
                    break;
            }

            return true;
        });

    /// <summary>
    /// Ticks the choice titled <paramref name="title"/> of an expanded choice set on the newest bot card. The
    /// renderer does not tie the check box to its title with a label, so the title text itself is clicked.
    /// </summary>
    public Task CheckCardChoiceAsync(string title) =>
        StepAsync($"check card choice '{title}'", async () =>
        {
            await LatestCard.GetByText(title, new() { Exact = true }).First.ClickAsync();
            return true;
        });

    /// <summary>
    /// Clicks the button titled <paramref name="title"/> on the newest bot card and waits for the Playground to
    /// relay the <c>adaptiveCard/action</c> invoke (or submit). Returns the bot's invoke response body.
    /// </summary>
    public Task<string> ClickCardActionAsync(string title) =>
        StepAsync($"click card action '{title}'", async () =>
        {
            var button = LatestCard.GetByRole(AriaRole.Button, new() { Name = title, Exact = true });
            var response = await Page.RunAndWaitForResponseAsync(
                () => button.ClickAsync(),
                r => r.Request.Method == "POST" && CardActionApi().IsMatch(r.Url),
                new() { Timeout = (float)DefaultTimeout.TotalMilliseconds });
            return await EnsureAcceptedAsync(response);
        });

    /// <summary>
    /// Sends the "Install application" trigger (installationUpdate, action add) for the current conversation
    /// through the Playground's "Mock an Activity" menu. Note that the UI itself already sends installationUpdate
    /// and conversationUpdate (membersAdded) whenever it first shows a conversation after loading.
    /// </summary>
    public Task SendInstallAsync() =>
        StepAsync("send the install trigger", async () =>
        {
            await Page.GetByRole(AriaRole.Button, new() { Name = "Mock an Activity", Exact = true }).ClickAsync();
            await Page.GetByRole(AriaRole.Menuitem).Filter(new() { HasTextRegex = ExactText("Install application") }).ClickAsync();
            var dialog = Page.GetByRole(AriaRole.Dialog);
            var response = await Page.RunAndWaitForResponseAsync(
                () => dialog.GetByRole(AriaRole.Button, new() { Name = "Send activity", Exact = true }).ClickAsync(),
                r => r.Request.Method == "POST" && CustomActivityApi().IsMatch(r.Url));
            await EnsureAcceptedAsync(response);
            await dialog.WaitForAsync(new() { State = WaitForSelectorState.Hidden });
            return true;
        });

    /// <summary>Saves a full-page screenshot to artifacts/e2e-screenshots/&lt;name&gt;.png and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var safe = UnsafeFileNameCharacters().Replace(name, "-");
        var path = Path.Combine(ScreenshotDirectory, safe.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? safe : safe + ".png");
        await Page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }

    private ILocator NewPostArea =>
        Page.GetByRole(AriaRole.Group).Filter(new() { Has = Page.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }) });

    // The message composer is a contenteditable textbox; card inputs are plain <input>s.
    private ILocator ComposerFor(PlaygroundConversation conversation) =>
        conversation.Kind == PlaygroundConversationKind.Channel
            ? NewPostArea.Locator("[role='textbox'][contenteditable='true']").First
            : Page.Locator("[role='textbox'][contenteditable='true']").Last;

    private static async Task<string> EnsureAcceptedAsync(IResponse response)
    {
        var body = await response.TextAsync();
        if (!response.Ok)
        {
            throw new PlaygroundException(string.Create(CultureInfo.InvariantCulture,
                $"The Playground answered {response.Status} to {response.Request.Method} {response.Url}: {body}"));
        }

        return body;
    }

    private async Task<T> StepAsync<T>(string step, Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or PlaygroundException)
        {
            string screenshot;
            try
            {
                screenshot = await ScreenshotAsync(string.Create(CultureInfo.InvariantCulture, $"failure-{DateTime.UtcNow:HHmmss-fff}-{step}"));
            }
            catch (PlaywrightException shotFailure)
            {
                screenshot = $"(no screenshot: {shotFailure.Message})";
            }

            var message = string.Join(Environment.NewLine,
                $"Playground step failed: {step} (conversation '{Conversation.TreeItemName}', acting as {CurrentUser.Name}).",
                ex.Message,
                $"Screenshot: {screenshot}",
                _playground.Diagnostics(),
                _moreDiagnostics?.Invoke() ?? string.Empty);
            throw new PlaygroundException(message, ex);
        }
    }

    private static Regex ExactText(string text) => new($"^\\s*{Regex.Escape(text)}\\s*$");

    private static string XPathLiteral(string value) =>
        !value.Contains('\'', StringComparison.Ordinal) ? $"'{value}'"
        : !value.Contains('"', StringComparison.Ordinal) ? $"\"{value}\""
        : "concat('" + value.Replace("'", "',\"'\",'", StringComparison.Ordinal) + "')";

    [GeneratedRegex(@"/_conversation/v1/conversations/[^/]+/messages$")]
    private static partial Regex MessagesApi();

    [GeneratedRegex(@"/_conversation/v1/(invoke|submit)$")]
    private static partial Regex CardActionApi();

    [GeneratedRegex(@"/_internal/v1/customActivities$")]
    private static partial Regex CustomActivityApi();

    [GeneratedRegex(@"[^A-Za-z0-9._-]+")]
    private static partial Regex UnsafeFileNameCharacters();
}
