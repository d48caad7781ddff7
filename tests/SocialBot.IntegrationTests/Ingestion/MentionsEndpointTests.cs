using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SocialBot.Bot.Ingestion;
using SocialBot.Bot.State;
using SocialBot.IntegrationTests.State;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Ingestion;

[Collection(RedisCollection.Name)]
public sealed class MentionsEndpointTests(RedisServerFixture redis)
{
    private static readonly Dictionary<string, string?> NoWorker = new() { ["Ingestion:RunWorker"] = "false" };

    [Fact]
    public async Task Post_ValidAndInvalidItems_Returns202WithCountsAndQueuesTheValidOnes()
    {
        await using var host = await StartAsync(NoWorker);
        var body = "[" + MentionJson.One("a") + "," + MentionJson.One("b", "linkedin") + ",{\"id\":\"c\",\"source\":\"tiktok\"}," + MentionJson.One("d", "review") + "]";

        using var response = await host.PostSignedAsync(body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var answer = await ReadJsonAsync(response);
        Assert.Equal(3, answer.RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal(0, answer.RootElement.GetProperty("duplicates").GetInt32());
        var rejected = Assert.Single(answer.RootElement.GetProperty("rejected").EnumerateArray());
        Assert.Equal(2, rejected.GetProperty("index").GetInt32());
        Assert.Contains("source 'tiktok' is not one of", rejected.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, await host.Store.StreamLengthAsync(MentionQueue.Stream));
    }

    [Fact]
    public async Task Post_SingleObject_Returns202AndQueuesItForTheOnlyTenant()
    {
        await using var host = await StartAsync(NoWorker);

        using var response = await host.PostSignedAsync(MentionJson.One("single"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var answer = await ReadJsonAsync(response);
        Assert.Equal(1, answer.RootElement.GetProperty("accepted").GetInt32());
        Assert.Empty(answer.RootElement.GetProperty("rejected").EnumerateArray());
        await host.Store.EnsureConsumerGroupAsync(MentionQueue.Stream, "inspect");
        var entry = Assert.Single(await host.Store.StreamReadAsync(MentionQueue.Stream, "inspect", "reader", 10));
        var queued = JsonSerializer.Deserialize(entry.Payload, IngestionJsonContext.Default.IncomingMention)!;
        Assert.Equal((IngestionTestHost.Tenant, "single", MentionSource.X), (queued.TenantId, queued.Id, queued.Source));
    }

    [Fact]
    public async Task Post_SameMentionsAgain_CountsThemAsDuplicatesAndQueuesOnlyTheNewOne()
    {
        await using var host = await StartAsync(NoWorker);
        using var first = await host.PostSignedAsync(MentionJson.Many(["m1", "m2"]));

        using var second = await host.PostSignedAsync(MentionJson.Many(["m1", "m2", "m3", "m3"]));

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        using var answer = await ReadJsonAsync(second);
        Assert.Equal(1, answer.RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal(3, answer.RootElement.GetProperty("duplicates").GetInt32());
        Assert.Equal(3, await host.Store.StreamLengthAsync(MentionQueue.Stream));
    }

    [Fact]
    public async Task Post_ConcurrentRepostsOfOneMention_AcceptOnce()
    {
        await using var host = await StartAsync(NoWorker);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => host.PostSignedAsync(MentionJson.One("race"))));

        var accepted = 0;
        foreach (var response in responses)
        {
            using (response)
            {
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                using var answer = await ReadJsonAsync(response);
                accepted += answer.RootElement.GetProperty("accepted").GetInt32();
            }
        }

        Assert.Equal(1, accepted);
    }

    [Fact]
    public async Task Post_WrongSecret_Returns401AndQueuesNothing()
    {
        await using var host = await StartAsync(NoWorker);

        using var response = await host.PostSignedAsync(MentionJson.One("a"), secret: "not-the-configured-secret");

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "does not match");
        Assert.Equal(0, await host.Store.StreamLengthAsync(MentionQueue.Stream));
    }

    [Fact]
    public async Task Post_StaleTimestamp_Returns401()
    {
        await using var host = await StartAsync(NoWorker);

        using var response = await host.PostSignedAsync(MentionJson.One("a"), signedAt: DateTimeOffset.UtcNow.AddMinutes(-10));

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "too far from the current time");
    }

    [Fact]
    public async Task Post_NoSignatureHeaders_Returns401()
    {
        await using var host = await StartAsync(NoWorker);

        using var response = await host.PostAsync(Encoding.UTF8.GetBytes(MentionJson.One("a")), timestamp: null, signature: null);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, MentionSignature.TimestampHeader);
    }

    [Fact]
    public async Task Post_UnsignedGarbage_Returns401BeforeParsing()
    {
        await using var host = await StartAsync(NoWorker);

        using var response = await host.PostAsync("not json"u8.ToArray(), DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), "sha256=" + new string('0', 64));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_BodyOverOneMegabyte_Returns413()
    {
        await using var host = await StartAsync(NoWorker);
        var body = Encoding.UTF8.GetBytes("[" + new string(' ', 1024 * 1024) + "]");

        using var response = await host.PostSignedAsync(body);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "1048576 bytes");
    }

    [Fact]
    public async Task Post_ChunkedBodyOverOneMegabyteWithoutLength_Returns413()
    {
        await using var host = await StartAsync(NoWorker);
        var body = new byte[(1024 * 1024) + 10];
        Array.Fill(body, (byte)' ');
        using var request = new HttpRequestMessage(HttpMethod.Post, MentionsEndpoint.Pattern) { Content = new StreamContent(new UnknownLengthStream(body)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Post_JustUnderOneMegabyte_IsRead()
    {
        await using var host = await StartAsync(NoWorker);
        var mention = MentionJson.One("big");
        var body = Encoding.UTF8.GetBytes(mention + new string(' ', (1024 * 1024) - Encoding.UTF8.GetByteCount(mention)));

        using var response = await host.PostSignedAsync(body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Post_NotJson_Returns400WithTheReason()
    {
        await using var host = await StartAsync(NoWorker);

        using var response = await host.PostSignedAsync("id=1&source=x");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "The body is not valid JSON");
    }

    [Fact]
    public async Task Post_TooManyItems_Returns400WithTheReason()
    {
        await using var host = await StartAsync(NoWorker);

        using var response = await host.PostSignedAsync(MentionJson.Many(Enumerable.Range(0, 501).Select(i => $"m{i}")));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "At most 500 mentions per request");
    }

    [Fact]
    public async Task Post_BacklogAtItsLimit_Returns429WithRetryAfter()
    {
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Ingestion:RunWorker"] = "false", ["Ingestion:MaxBacklog"] = "3" });
        using var filling = await host.PostSignedAsync(MentionJson.Many(["b1", "b2", "b3"]));
        Assert.Equal(HttpStatusCode.Accepted, filling.StatusCode);

        using var response = await host.PostSignedAsync(MentionJson.One("b4"));

        await AssertProblemAsync(response, (HttpStatusCode)429, "retry in 30 seconds");
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        Assert.Equal(3, await host.Store.StreamLengthAsync(MentionQueue.Stream));
    }

    [Fact]
    public async Task Post_NoSecretConfigured_Returns503AndNeverAccepts()
    {
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Ingestion:RunWorker"] = "false", ["Ingestion:Secret"] = null });

        using var response = await host.PostSignedAsync(MentionJson.One("a"));

        await AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable, "Ingestion:Secret");
        Assert.Equal(0, await host.Store.StreamLengthAsync(MentionQueue.Stream));
    }

    [Fact]
    public async Task Post_RedisStoppedThenRestarted_Returns503WithRetryAfterThenAccepts()
    {
        await using var server = await RedisServer.StartNewAsync();
        await using var host = await IngestionTestHost.StartAsync(server.ConnectionString, "outage", NoWorker);
        using var before = await host.PostSignedAsync(MentionJson.One("before"));
        Assert.Equal(HttpStatusCode.Accepted, before.StatusCode);

        await server.StopAsync();
        using var during = await host.PostSignedAsync(MentionJson.One("during"));

        await AssertProblemAsync(during, HttpStatusCode.ServiceUnavailable, "cannot be stored right now");
        Assert.NotNull(during.Headers.RetryAfter?.Delta);

        await server.StartAsync();
        HttpStatusCode last = default;
        var recovered = await Eventually.TrueAsync(async () =>
        {
            using var retry = await host.PostSignedAsync(MentionJson.One("during"));
            last = retry.StatusCode;
            return last == HttpStatusCode.Accepted;
        }, TimeSpan.FromSeconds(40));

        Assert.True(recovered, $"Still {last} after redis-server came back.");
        Assert.Equal(2, await host.Store.StreamLengthAsync(MentionQueue.Stream));
    }

    private Task<IngestionTestHost> StartAsync(IReadOnlyDictionary<string, string?> settings) =>
        IngestionTestHost.StartAsync(redis.ConnectionString, redis.NewKeyPrefix(), settings);

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync());

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detailPart)
    {
        Assert.Equal(status, response.StatusCode);
        using var problem = await ReadJsonAsync(response);
        Assert.Contains(detailPart, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Hides its length so the client sends the body chunked, without Content-Length.</summary>
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
