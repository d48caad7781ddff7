using SocialBot.Bot.Protocol.Schema;
using SocialBot.Bot.Tests.TestData;
using SocialBot.Bot.Turns;

namespace SocialBot.Bot.Tests.Turns;

public sealed class CommandTextTests
{
    [Fact]
    public void From_ChannelMention_RemovesBotMentionAndKeepsOtherMentionsAsNames()
    {
        var command = CommandText.From(TeamsPayloads.Activity("channel-mention"));

        Assert.Equal("approvers add Megan Bowen", command.Text);
        var mention = Assert.Single(command.Mentions);
        Assert.Equal("Megan Bowen", mention.Name);
    }

    [Fact]
    public void From_PlaygroundBotIdWithoutPrefix_RemovesMention()
    {
        var activity = new Activity
        {
            Text = "<at>Test Bot</at> help",
            Recipient = new ChannelAccount { Id = "00000000-0000-0000-0000-00000000000b" },
            Entities = [new Entity { Type = "mention", Text = "<at>Test Bot</at>", Mentioned = new ChannelAccount { Id = "28:00000000-0000-0000-0000-00000000000b", Name = "Test Bot" } }],
        };

        Assert.Equal("help", CommandText.From(activity).Text);
    }

    [Theory]
    [InlineData("  my   drafts  ", "my drafts")]
    [InlineData("new\u00A0post\thello", "new post hello")]
    [InlineData("", "")]
    [InlineData("<at>Someone</at> trends", "Someone trends")]
    public void From_PlainText_CollapsesWhitespace(string text, string expected)
    {
        Assert.Equal(expected, CommandText.From(new Activity { Text = text }).Text);
    }

    [Fact]
    public void From_MentionWithoutEntityText_StillStripsTags()
    {
        var activity = new Activity { Text = "<at>SocialBot</at> pending", Recipient = new ChannelAccount { Id = "28:bot" } };

        Assert.Equal("SocialBot pending", CommandText.From(activity).Text);
    }
}
