using System.Text;
using System.Text.RegularExpressions;
using SocialBot.Bot.Protocol.Schema;

namespace SocialBot.Bot.Turns;

/// <summary>A user mentioned in a message, other than the bot itself.</summary>
internal sealed record MentionedUser(string Id, string Name);

/// <summary>The text of a message as a command: the bot's @mention removed, other mentions turned into names, spaces collapsed.</summary>
internal sealed partial record CommandText(string Text, IReadOnlyList<MentionedUser> Mentions)
{
    public static CommandText From(Activity activity)
    {
        var text = activity.Text ?? string.Empty;
        var mentions = new List<MentionedUser>();
        foreach (var entity in activity.Entities ?? [])
        {
            if (!string.Equals(entity.Type, "mention", StringComparison.OrdinalIgnoreCase) || entity.Mentioned?.Id is not { } id)
            {
                continue;
            }

            var tag = entity.Text ?? string.Empty;
            if (IsBot(id, activity.Recipient))
            {
                text = tag.Length > 0 ? text.Replace(tag, " ", StringComparison.Ordinal) : text;
                continue;
            }

            var name = entity.Mentioned.Name ?? StripTags(tag);
            mentions.Add(new MentionedUser(id, name));
            if (tag.Length > 0)
            {
                text = text.Replace(tag, name, StringComparison.Ordinal);
            }
        }

        return new CommandText(Collapse(StripTags(text)), mentions);
    }

    // Teams prefixes bot ids with "28:"; the Agents Playground does not.
    private static bool IsBot(string mentionedId, ChannelAccount? recipient) =>
        recipient?.Id is { } botId &&
        (string.Equals(mentionedId, botId, StringComparison.OrdinalIgnoreCase) ||
         string.Equals(Unprefixed(mentionedId), Unprefixed(botId), StringComparison.OrdinalIgnoreCase));

    private static string Unprefixed(string id) => id.StartsWith("28:", StringComparison.Ordinal) ? id[3..] : id;

    private static string StripTags(string text) => AtTag().Replace(text, "$1");

    private static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c == '\u00A0')
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString().Replace("&nbsp;", " ", StringComparison.Ordinal).Trim();
    }

    [GeneratedRegex("<at[^>]*>(.*?)</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex AtTag();
}
