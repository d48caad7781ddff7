using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using SocialBot.Bot.Ingestion;

namespace SocialBot.IntegrationTests.Hosting;

/// <summary>Posts to a bot's <c>/api/mentions</c> the way a listening tool does: signed with the ingestion secret.</summary>
public static class MentionWebhook
{
    public static Task<HttpResponseMessage> PostSignedAsync(HttpClient client, string secret, JsonNode body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/mentions") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(MentionSignature.TimestampHeader, timestamp);
        request.Headers.Add(MentionSignature.SignatureHeader, MentionSignature.Sign(secret, timestamp, bytes));
        return client.SendAsync(request);
    }
}
