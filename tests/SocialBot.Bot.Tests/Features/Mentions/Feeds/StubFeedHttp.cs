using System.Net;
using System.Text;

namespace SocialBot.Bot.Tests.Features.Mentions.Feeds;

/// <summary>An <see cref="IHttpClientFactory"/> whose client answers from <see cref="Answer"/> and records each request.</summary>
internal sealed class StubFeedHttp : HttpMessageHandler, IHttpClientFactory
{
    public Func<HttpRequestMessage, HttpResponseMessage> Answer { get; set; } = _ => Rss();

    public List<HttpRequestMessage> Requests { get; } = [];

    public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

    public static HttpResponseMessage Rss(params (string Id, string Title)[] items)
    {
        var entries = string.Concat(items.Select(i => $"<item><guid>{i.Id}</guid><title>{i.Title}</title><link>https://news.example/{i.Id}</link></item>"));
        var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent($"<rss version=\"2.0\"><channel><title>News</title>{entries}</channel></rss>", Encoding.UTF8, "application/rss+xml"),
        };
        response.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue($"\"v{items.Length}\"");
        return response;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        return Task.FromResult(Answer(request));
    }
}
