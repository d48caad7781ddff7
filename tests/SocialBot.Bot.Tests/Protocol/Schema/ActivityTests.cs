using System.Text.Json;
using System.Text.Json.Nodes;
using SocialBot.Bot.Protocol.Schema;
using SocialBot.Bot.Tests.TestData;

namespace SocialBot.Bot.Tests.Protocol.Schema;

public sealed class ActivityTests
{
    public static TheoryData<string> Payloads => new(TeamsPayloads.All);

    [Theory]
    [MemberData(nameof(Payloads))]
    public void RoundTrip_RecordedTeamsPayload_LosesNothing(string name)
    {
        var original = TeamsPayloads.Node(name);

        var activity = JsonSerializer.Deserialize(original.ToJsonString(), ProtocolJsonContext.Default.Activity)!;
        var written = JsonNode.Parse(JsonSerializer.Serialize(activity, ProtocolJsonContext.Default.Activity))!;

        Assert.True(JsonNode.DeepEquals(Normalize(original), Normalize(written)), $"{name} changed:\n{written}");
    }

    [Fact]
    public void Deserialize_PersonalMessage_ReadsIdentityTenantAndClientInfo()
    {
        var activity = TeamsPayloads.Activity("personal-message");

        Assert.Equal("7faf8ab2-3d46-4a59-a8f7-7d6a3d7e1c11", activity.SenderUserId);
        Assert.Equal("72f988bf-86f1-41af-91ab-2d7cd011db47", activity.TenantId);
        Assert.Equal("America/Los_Angeles", activity.ClientInfo?.Timezone);
        Assert.Equal("personal", activity.Conversation?.ConversationType);
    }

    [Fact]
    public void Deserialize_ChannelMessage_KeepsUnknownChannelDataFields()
    {
        var activity = TeamsPayloads.Activity("channel-mention");

        Assert.Equal("19:0d1a2d2b3e4f4a5b8c9d0e1f2a3b4c5d@thread.tacv2", activity.ChannelData?.Team?.Id);
        Assert.True(activity.ChannelData?.AdditionalProperties?.ContainsKey("teamsChannelId"));
    }

    [Fact]
    public void SenderUserId_WithoutObjectId_FallsBackToChannelId()
    {
        var activity = new Activity { From = new ChannelAccount { Id = "user-id-0" } };

        Assert.Equal("user-id-0", activity.SenderUserId);
    }

    [Fact]
    public void Deserialize_UnknownActivityType_IsKeptAsIs()
    {
        var activity = JsonSerializer.Deserialize("""{"type":"somethingNew","futureField":{"a":1}}""", ProtocolJsonContext.Default.Activity)!;

        Assert.Equal("somethingNew", activity.Type);
        Assert.Equal(1, activity.AdditionalProperties!["futureField"].GetProperty("a").GetInt32());
    }

    // Timestamps are re-written in a canonical form; the instant must stay the same.
    private static JsonNode Normalize(JsonNode node)
    {
        var copy = node.DeepClone();
        if (copy is JsonObject obj)
        {
            foreach (var key in new[] { "timestamp", "localTimestamp" })
            {
                if (obj[key] is JsonValue value && value.TryGetValue<string>(out var text))
                {
                    obj[key] = DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }

        return copy;
    }
}
