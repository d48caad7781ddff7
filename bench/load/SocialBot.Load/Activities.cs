using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SocialBot.Load;

/// <summary>Teams-shaped activities, written straight to UTF-8 so the driver spends little CPU on them.</summary>
internal sealed class Activities(string serviceUrl, string appId, string tenantId)
{
    private int tenants = 1;

    public const string ApprovalChannelId = "19:load-approvals@thread.tacv2";

    public string AppId { get; } = appId;

    /// <summary>How many tenants the users are spread over (user <c>u</c> is in tenant <c>u % Tenants</c>); 1 = all in one.</summary>
    public int Tenants
    {
        get => Volatile.Read(ref tenants);
        set => Volatile.Write(ref tenants, Math.Max(1, value));
    }

    public string TenantOf(int user) =>
        Tenants == 1 ? tenantId : string.Create(CultureInfo.InvariantCulture, $"{tenantId[..8]}-0000-4000-8000-{user % Tenants:D12}");

    public static string UserObjectId(int user) => string.Create(CultureInfo.InvariantCulture, $"00000000-0000-4000-8000-{user:D12}");

    public static string PersonalConversationId(int user) => string.Create(CultureInfo.InvariantCulture, $"a:load-personal-{user}");

    /// <summary>A message in the 1:1 chat of user <paramref name="user"/>.</summary>
    public byte[] PersonalMessage(int user, string text) => Write(writer =>
    {
        Common(writer, "message", user, personal: true);
        writer.WriteString("text", text);
        writer.WriteString("textFormat", "plain");
    });

    /// <summary>A channel message that @mentions the bot.</summary>
    public byte[] ChannelMessage(int user, string text) => Write(writer =>
    {
        Common(writer, "message", user, personal: false);
        writer.WriteString("text", "<at>SocialBot</at> " + text);
        writer.WriteStartArray("entities");
        writer.WriteStartObject();
        writer.WriteString("type", "mention");
        writer.WriteString("text", "<at>SocialBot</at>");
        writer.WriteStartObject("mentioned");
        writer.WriteString("id", "28:" + AppId);
        writer.WriteString("name", "SocialBot");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndArray();
    });

    /// <summary>An <c>adaptiveCard/action</c> invoke (an Action.Execute press).</summary>
    public byte[] CardAction(int user, bool inChannel, string verb, IReadOnlyDictionary<string, string> data) => Write(writer =>
    {
        Common(writer, "invoke", user, personal: !inChannel);
        writer.WriteString("name", "adaptiveCard/action");
        writer.WriteString("replyToId", "1700000000000");
        writer.WriteStartObject("value");
        writer.WriteStartObject("action");
        writer.WriteString("type", "Action.Execute");
        writer.WriteString("verb", verb);
        writer.WriteStartObject("data");
        foreach (var (key, value) in data)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteString("trigger", "manual");
        writer.WriteEndObject();
    });

    private void Common(Utf8JsonWriter writer, string type, int user, bool personal)
    {
        var tenantId = TenantOf(user);
        writer.WriteString("type", type);
        writer.WriteString("id", Guid.NewGuid().ToString("N"));
        writer.WriteString("timestamp", DateTimeOffset.UtcNow);
        writer.WriteString("serviceUrl", serviceUrl);
        writer.WriteString("channelId", "msteams");
        writer.WriteStartObject("from");
        writer.WriteString("id", string.Create(CultureInfo.InvariantCulture, $"29:load-user-{user}"));
        writer.WriteString("name", string.Create(CultureInfo.InvariantCulture, $"Load User {user}"));
        writer.WriteString("aadObjectId", UserObjectId(user));
        writer.WriteEndObject();
        writer.WriteStartObject("conversation");
        if (personal)
        {
            writer.WriteString("conversationType", "personal");
            writer.WriteString("tenantId", tenantId);
            writer.WriteString("id", PersonalConversationId(user));
        }
        else
        {
            writer.WriteBoolean("isGroup", true);
            writer.WriteString("conversationType", "channel");
            writer.WriteString("tenantId", tenantId);
            writer.WriteString("id", ApprovalChannelId);
        }

        writer.WriteEndObject();
        writer.WriteStartObject("recipient");
        writer.WriteString("id", "28:" + AppId);
        writer.WriteString("name", "SocialBot");
        writer.WriteEndObject();
        writer.WriteStartObject("channelData");
        writer.WriteStartObject("tenant");
        writer.WriteString("id", tenantId);
        writer.WriteEndObject();
        if (!personal)
        {
            writer.WriteStartObject("channel");
            writer.WriteString("id", ApprovalChannelId);
            writer.WriteEndObject();
            writer.WriteStartObject("team");
            writer.WriteString("id", "19:load-team@thread.tacv2");
            writer.WriteString("name", "Marketing");
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        if (personal)
        {
            writer.WriteStartArray("entities");
            writer.WriteStartObject();
            writer.WriteString("type", "clientInfo");
            writer.WriteString("locale", "en-US");
            writer.WriteString("timezone", "Europe/Berlin");
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        writer.WriteString("locale", "en-US");
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static string Text(byte[] utf8) => Encoding.UTF8.GetString(utf8);
}
