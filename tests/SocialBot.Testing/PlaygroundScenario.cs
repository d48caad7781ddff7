using System.Globalization;
using System.Text;

namespace SocialBot.Testing;

/// <summary>A mock Teams user of the Agents Playground.</summary>
/// <param name="Id">Channel account id the bot sees in <c>from.id</c> (no <c>29:</c> prefix in the Playground).</param>
/// <param name="Name">Display name, also the accessible name of the user's avatar in the UI.</param>
/// <param name="AadObjectId">Entra object id the bot sees in <c>from.aadObjectId</c>.</param>
/// <param name="Email">Email and user principal name.</param>
public sealed record PlaygroundUser(string Id, string Name, string AadObjectId, string Email)
{
    internal string GivenName => Name.Split(' ')[0];

    internal string Surname => Name.Contains(' ', StringComparison.Ordinal) ? Name[(Name.IndexOf(' ', StringComparison.Ordinal) + 1)..] : Name;
}

/// <summary>Kinds of conversation the Playground offers.</summary>
public enum PlaygroundConversationKind
{
    /// <summary>1:1 chat between the current user and the bot.</summary>
    Personal,

    /// <summary>Group chat with the current user and all other users; the bot only hears @mentions.</summary>
    GroupChat,

    /// <summary>A team channel; messages start a new post, the bot only hears @mentions.</summary>
    Channel,
}

/// <summary>A mock conversation and how to find it in the Playground's conversation tree.</summary>
/// <param name="Id">Conversation id the bot sees in <c>conversation.id</c>.</param>
/// <param name="Kind">Personal chat, group chat or channel.</param>
/// <param name="TreeItemName">Accessible name of the conversation's tree item in the left pane.</param>
public sealed record PlaygroundConversation(string Id, PlaygroundConversationKind Kind, string TreeItemName);

/// <summary>
/// The mock tenant written to <c>.m365agentsplayground.yml</c>: bot, users and conversations.
/// The Playground's schema (0.1.1) demands exactly five users besides the current user and at most one extra channel.
/// </summary>
public sealed record PlaygroundScenario
{
    /// <summary>Default scenario: Ada (author, current user), Bob (approver) and three bystanders.</summary>
    public static PlaygroundScenario Default { get; } = new();

    /// <summary>Tenant id put into <c>conversation.tenantId</c> and <c>channelData.tenant.id</c>.</summary>
    public string TenantId { get; init; } = "5a1e0000-0000-4000-8000-000000000001";

    /// <summary>Bot id the Playground uses as <c>recipient.id</c>.</summary>
    public string BotId { get; init; } = "5a1e0000-0000-4000-8000-0000000000b0";

    /// <summary>Bot display name; also the author name and avatar label of bot messages in the UI.</summary>
    public string BotName { get; init; } = "SocialBot";

    /// <summary>
    /// The Playground's current user: every message and card action from the UI comes from this user
    /// (the Playground ignores <c>from</c> in UI requests and cannot switch users).
    /// </summary>
    public PlaygroundUser Author { get; init; } = new("user-author", "Ada Author", "5a1e0000-0000-4000-8000-0000000000a1", "ada.author@contoso.test");

    /// <summary>A second user who is in the group chat and the team, for approval flows.</summary>
    public PlaygroundUser Approver { get; init; } = new("user-approver", "Bob Approver", "5a1e0000-0000-4000-8000-0000000000a2", "bob.approver@contoso.test");

    /// <summary>Four more members (the schema requires exactly five users besides the current one).</summary>
    public IReadOnlyList<PlaygroundUser> Bystanders { get; init; } =
    [
        new("user-cara", "Cara Colleague", "5a1e0000-0000-4000-8000-0000000000a3", "cara@contoso.test"),
        new("user-dan", "Dan Designer", "5a1e0000-0000-4000-8000-0000000000a4", "dan@contoso.test"),
        new("user-eve", "Eve Editor", "5a1e0000-0000-4000-8000-0000000000a5", "eve@contoso.test"),
        new("user-finn", "Finn Fact-Checker", "5a1e0000-0000-4000-8000-0000000000a6", "finn@contoso.test"),
    ];

    /// <summary>Personal chat of the current user with the bot.</summary>
    public PlaygroundConversation PersonalChat { get; init; } = new("personal-chat-ada", PlaygroundConversationKind.Personal, "Personal Chat");

    /// <summary>The group chat (all users are members).</summary>
    public PlaygroundConversation GroupChat { get; init; } = new("group-chat-launch", PlaygroundConversationKind.GroupChat, "Launch Crew");

    /// <summary>Team name.</summary>
    public string TeamName { get; init; } = "Marketing";

    /// <summary>Team id; in Teams (and here) it is also the id of the General channel.</summary>
    public string TeamId { get; init; } = "team-marketing";

    /// <summary>Team's Entra group id.</summary>
    public string TeamAadGroupId { get; init; } = "5a1e0000-0000-4000-8000-0000000000c1";

    /// <summary>The extra channel (besides General).</summary>
    public PlaygroundConversation Channel { get; init; } = new("channel-social", PlaygroundConversationKind.Channel, "Marketing - Social");

    /// <summary>The team's General channel (its id is the team id).</summary>
    public PlaygroundConversation GeneralChannel => new(TeamId, PlaygroundConversationKind.Channel, $"{TeamName} - General");

    /// <summary>Every user, the current one first.</summary>
    public IReadOnlyList<PlaygroundUser> Users => [Author, Approver, .. Bystanders];

    /// <summary>
    /// The same tenant seen by another user: <paramref name="user"/> becomes the current user (swapped with
    /// <see cref="Author"/>) and gets its own personal chat. Run a second <see cref="AgentsPlayground"/> with it to
    /// act as, say, the approver in the same group chat and channel (conversation ids stay the same).
    /// </summary>
    public PlaygroundScenario WithCurrentUser(PlaygroundUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Id == Author.Id)
        {
            return this;
        }

        var personalChat = PersonalChat with { Id = $"personal-chat-{user.Id}" };
        if (user.Id == Approver.Id)
        {
            return this with { Author = user, Approver = Author, PersonalChat = personalChat };
        }

        if (!Bystanders.Any(b => b.Id == user.Id))
        {
            throw new ArgumentException($"'{user.Id}' is not a user of this scenario.", nameof(user));
        }

        return this with
        {
            Author = user,
            Bystanders = [.. Bystanders.Select(b => b.Id == user.Id ? Author : b)],
            PersonalChat = personalChat,
        };
    }

    /// <summary>Looks a user up by id.</summary>
    public PlaygroundUser User(string id) =>
        Users.FirstOrDefault(u => u.Id == id) ?? throw new ArgumentException($"No Playground user with id '{id}'.", nameof(id));

    /// <summary>Renders the Playground config file (YAML, schema version 0.1.1).</summary>
    public string ToYaml()
    {
        if (Bystanders.Count != 4)
        {
            throw new InvalidOperationException("The Playground config needs exactly five users besides the current one: Approver plus four Bystanders.");
        }

        var yaml = new StringBuilder();
        yaml.AppendLine("version: \"0.1.1\"");
        yaml.AppendLine(Line(0, "tenantId", TenantId));
        yaml.AppendLine("bot:");
        yaml.AppendLine(Line(1, "id", BotId));
        yaml.AppendLine(Line(1, "name", BotName));
        yaml.AppendLine("currentUser:");
        AppendUser(yaml, Author, listItem: false);
        yaml.AppendLine("users:");
        foreach (var user in Users.Skip(1))
        {
            AppendUser(yaml, user, listItem: true);
        }

        yaml.AppendLine("personalChat:");
        yaml.AppendLine(Line(1, "id", PersonalChat.Id));
        yaml.AppendLine("groupChat:");
        yaml.AppendLine(Line(1, "id", GroupChat.Id));
        yaml.AppendLine(Line(1, "name", GroupChat.TreeItemName));
        yaml.AppendLine("team:");
        yaml.AppendLine(Line(1, "id", TeamId));
        yaml.AppendLine(Line(1, "name", TeamName));
        yaml.AppendLine(Line(1, "aadGroupId", TeamAadGroupId));
        yaml.AppendLine("  channels:");
        yaml.AppendLine("    - " + Line(0, "id", Channel.Id));
        yaml.AppendLine(Line(3, "name", ChannelDisplayName));
        return yaml.ToString();
    }

    /// <summary>Channel name as configured (the tree item reads "Team - Channel").</summary>
    private string ChannelDisplayName =>
        Channel.TreeItemName.StartsWith(TeamName + " - ", StringComparison.Ordinal)
            ? Channel.TreeItemName[(TeamName.Length + 3)..]
            : Channel.TreeItemName;

    private static void AppendUser(StringBuilder yaml, PlaygroundUser user, bool listItem)
    {
        var fields = new (string Key, string Value)[]
        {
            ("id", user.Id),
            ("name", user.Name),
            ("userPrincipleName", user.Email),
            ("aadObjectId", user.AadObjectId),
            ("givenName", user.GivenName),
            ("surname", user.Surname),
            ("email", user.Email),
        };
        for (var i = 0; i < fields.Length; i++)
        {
            yaml.AppendLine(listItem
                ? (i == 0 ? "  - " : "    ") + Line(0, fields[i].Key, fields[i].Value)
                : Line(1, fields[i].Key, fields[i].Value));
        }
    }

    // Double-quoted YAML scalars: ids like 0000... or names with ':' stay strings.
    private static string Line(int indent, string key, string value) =>
        string.Create(CultureInfo.InvariantCulture, $"{new string(' ', indent * 2)}{key}: \"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
}
