using System.Text.Json.Nodes;

namespace SocialBot.IntegrationTests.Hosting;

/// <summary>A Teams user for test activities: Entra object id, Teams channel id and display name.</summary>
public sealed record TeamsUser(string ObjectId, string ChannelId, string Name)
{
    public static readonly TeamsUser Author = new("7faf8ab2-3d46-4a59-a8f7-7d6a3d7e1c11", "29:author-channel-id", "Megan Bowen");
    public static readonly TeamsUser Approver = new("5a1b0f2c-7e22-4a5b-9c61-2f7f3b8e9a01", "29:approver-channel-id", "Adele Vance");
    public static readonly TeamsUser SecondApprover = new("0b8f4c1e-9d2a-4f7b-8c3e-6a5d4e3f2a10", "29:second-approver-channel-id", "Lee Gu");
    public static readonly TeamsUser Bystander = new("c3d2e1f0-1111-4222-8333-944455566677", "29:bystander-channel-id", "Pradeep Gupta");
}

/// <summary>Builds Teams-shaped activities (as the Teams channel sends them) addressed to the test bot.</summary>
public static class TeamsActivities
{
    public const string BotName = "SocialBot";
    public const string ChannelConversationId = "19:6dec8b4e7b1b4a3a8bde1b7bd1f0e2c4@thread.tacv2";
    public const string TeamId = "19:0d1a2d2b3e4f4a5b8c9d0e1f2a3b4c5d@thread.tacv2";

    public static string BotId => "28:" + BotTestHost.AppId;

    public static string PersonalConversationId(TeamsUser user) => "a:personal-" + user.ObjectId;

    public static JsonObject PersonalMessage(BotTestHost host, TeamsUser user, string text, string? id = null)
    {
        var activity = Base(host, "message", user, Personal(user), id);
        activity["text"] = text;
        activity["textFormat"] = "plain";
        return activity;
    }

    public static JsonObject ChannelMessage(BotTestHost host, TeamsUser user, string text, string? id = null)
    {
        var activity = Base(host, "message", user, Channel(), id);
        activity["text"] = $"<at>{BotName}</at> {text}";
        activity["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = $"<at>{BotName}</at>",
            ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = BotName },
        });
        activity["channelData"] = ChannelData();
        return activity;
    }

    /// <summary>An <c>adaptiveCard/action</c> invoke, as Teams sends it when someone presses an Action.Execute button.</summary>
    public static JsonObject CardAction(BotTestHost host, TeamsUser user, string verb, JsonObject data, bool inChannel = false, string? replyToId = null, string? id = null)
    {
        var activity = Base(host, "invoke", user, inChannel ? Channel() : Personal(user), id);
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = replyToId ?? "1700000000000";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        };
        if (inChannel)
        {
            activity["channelData"] = ChannelData();
        }

        return activity;
    }

    public static JsonObject Invoke(BotTestHost host, TeamsUser user, string name, JsonNode value, bool inChannel = false)
    {
        var activity = Base(host, "invoke", user, inChannel ? Channel() : Personal(user), null);
        activity["name"] = name;
        activity["value"] = value;
        if (inChannel)
        {
            activity["channelData"] = ChannelData();
        }

        return activity;
    }

    public static JsonObject BotInstalledInChannel(BotTestHost host, TeamsUser user)
    {
        var activity = Base(host, "conversationUpdate", user, Channel(), null);
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = BotId });
        activity["channelData"] = ChannelData();
        return activity;
    }

    private static JsonObject Base(BotTestHost host, string type, TeamsUser user, JsonObject conversation, string? id) => new()
    {
        ["type"] = type,
        ["id"] = id ?? Guid.NewGuid().ToString("N"),
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["serviceUrl"] = host.ServiceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = user.ChannelId, ["name"] = user.Name, ["aadObjectId"] = user.ObjectId },
        ["conversation"] = conversation,
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = BotName },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = BotTestHost.TenantId } },
        ["entities"] = new JsonArray(new JsonObject { ["type"] = "clientInfo", ["locale"] = "en-US", ["timezone"] = "Europe/Berlin" }),
        ["locale"] = "en-US",
    };

    private static JsonObject Personal(TeamsUser user) => new()
    {
        ["conversationType"] = "personal",
        ["tenantId"] = BotTestHost.TenantId,
        ["id"] = PersonalConversationId(user),
    };

    private static JsonObject Channel() => new()
    {
        ["isGroup"] = true,
        ["conversationType"] = "channel",
        ["tenantId"] = BotTestHost.TenantId,
        ["id"] = ChannelConversationId,
    };

    private static JsonObject ChannelData() => new()
    {
        ["channel"] = new JsonObject { ["id"] = ChannelConversationId },
        ["team"] = new JsonObject { ["id"] = TeamId, ["name"] = "Marketing" },
        ["tenant"] = new JsonObject { ["id"] = BotTestHost.TenantId },
    };
}
