using SocialBot.Bot.Turns;
using SocialBot.Bot.Turns.Routing;

namespace SocialBot.Bot.Tests.Turns.Routing;

public sealed class CommandCatalogTests
{
    private sealed class NamedCommand(string name, params string[] aliases) : ICommand
    {
        public CommandDescriptor Descriptor { get; } = new(name, name, name, aliases);

        public Task ExecuteAsync(TurnContext turn, CommandMatch match, CancellationToken ct) => Task.CompletedTask;
    }

    private static readonly CommandCatalog Catalog = new(
    [
        new NamedCommand("help"), new NamedCommand("new post", "draft", "post"), new NamedCommand("my drafts"),
        new NamedCommand("track"), new NamedCommand("track feed"), new NamedCommand("trends"), new NamedCommand("pending"),
    ]);

    [Theory]
    [InlineData("help", "help", "")]
    [InlineData("HELP", "help", "")]
    [InlineData("new post Launch day!", "new post", "Launch day!")]
    [InlineData("Draft hello world", "new post", "hello world")]
    [InlineData("post", "new post", "")]
    [InlineData("track feed https://example.com/rss", "track feed", "https://example.com/rss")]
    [InlineData("track \"acme corp\" OR #acme", "track", "\"acme corp\" OR #acme")]
    [InlineData("trends 24h", "trends", "24h")]
    public void Match_KnownCommand_FindsLongestNameAndArguments(string text, string command, string arguments)
    {
        var match = Catalog.Match(text);

        Assert.NotNull(match);
        Assert.Equal(command, match.Command.Descriptor.Name);
        Assert.Equal(arguments, match.Arguments);
    }

    [Theory]
    [InlineData("helpme")]
    [InlineData("trend")]
    [InlineData("hello")]
    [InlineData("")]
    public void Match_NotACommand_ReturnsNull(string text)
    {
        Assert.Null(Catalog.Match(text));
    }

    [Theory]
    [InlineData("trnds", "trends")]
    [InlineData("pendng", "pending")]
    [InlineData("mydrafts", "my drafts")]
    [InlineData("hepl", "help")]
    [InlineData("tarck acme", "track")]
    public void Suggest_Typo_ReturnsClosestCommand(string text, string expected)
    {
        Assert.Equal(expected, Catalog.Suggest(text));
    }

    [Theory]
    [InlineData("hello there")]
    [InlineData("what is the weather")]
    [InlineData("")]
    public void Suggest_Unrelated_ReturnsNull(string text)
    {
        Assert.Null(Catalog.Suggest(text));
    }

    [Fact]
    public void Constructor_DuplicateName_FailsAtStartUp()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new CommandCatalog([new NamedCommand("help"), new NamedCommand("help")]));

        Assert.Contains("'help'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_AliasClashingWithName_FailsAtStartUp()
    {
        Assert.Throws<InvalidOperationException>(() => new CommandCatalog([new NamedCommand("post"), new NamedCommand("new post", "post")]));
    }
}
