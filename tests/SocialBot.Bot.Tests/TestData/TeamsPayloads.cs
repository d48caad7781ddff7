using System.Text.Json;
using System.Text.Json.Nodes;
using SocialBot.Bot.Protocol.Schema;

namespace SocialBot.Bot.Tests.TestData;

/// <summary>Teams activities shaped after Microsoft's documented examples, kept under TestData/Teams.</summary>
internal static class TeamsPayloads
{
    public static readonly string[] All =
    [
        "personal-message", "channel-mention", "adaptive-card-action", "compose-extension-fetch-task",
        "conversation-update-bot-added", "installation-update-add",
    ];

    public static string Raw(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Teams", name + ".json"));

    public static Activity Activity(string name) =>
        JsonSerializer.Deserialize(Raw(name), ProtocolJsonContext.Default.Activity)!;

    public static JsonNode Node(string name) => JsonNode.Parse(Raw(name))!;
}
