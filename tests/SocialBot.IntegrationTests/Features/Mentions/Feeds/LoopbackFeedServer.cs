using System.Globalization;
using System.Net;
using System.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SocialBot.IntegrationTests.Features.Mentions.Feeds;

/// <summary>
/// An RSS 2.0 / Atom 1.0 server on 127.0.0.1 (free port): validators per content (ETag or Last-Modified), 304 for a
/// matching conditional request, and on demand an error status, a slow answer, a page that is not a feed or a body
/// over 2 MB. Any path serves the same feed, so several "feeds" can share one server (<see cref="UrlFor"/>).
/// </summary>
internal sealed class LoopbackFeedServer : IAsyncDisposable
{
    private readonly List<FeedEntry> items = [];
    private readonly List<FeedRequest> requests = [];
    private WebApplication? app;

    public FeedFormat Format { get; set; } = FeedFormat.Rss;

    public FeedValidator Validator { get; set; } = FeedValidator.ETag;

    public HttpStatusCode? FailWith { get; set; }

    public TimeSpan? Delay { get; set; }

    public bool NotAFeed { get; set; }

    public bool Huge { get; set; }

    public string BaseUrl { get; private set; } = string.Empty;

    public string Url => UrlFor("feed.xml");

    public IReadOnlyList<FeedRequest> Requests
    {
        get
        {
            lock (requests)
            {
                return [.. requests];
            }
        }
    }

    public static async Task<LoopbackFeedServer> StartAsync()
    {
        var server = new LoopbackFeedServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        server.app = builder.Build();
        server.app.Run(server.ServeAsync);
        await server.app.StartAsync();
        server.BaseUrl = server.app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return server;
    }

    public string UrlFor(string path) => BaseUrl + "/" + path;

    public void Add(string id, string title, string text = "", DateTimeOffset? published = null)
    {
        lock (items)
        {
            items.Add(new FeedEntry(id, title, text, published));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    private async Task ServeAsync(HttpContext context)
    {
        var request = new FeedRequest(context.Request.Path, context.Request.Headers.IfNoneMatch.ToString(), context.Request.Headers.IfModifiedSince.ToString());
        if (Delay is { } delay)
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                Record(request, null);
                return;
            }
        }

        if (FailWith is { } status)
        {
            Record(request, status);
            context.Response.StatusCode = (int)status;
            return;
        }

        if (NotAFeed)
        {
            Record(request, HttpStatusCode.OK);
            await context.Response.WriteAsync("<html><body>Welcome</body></html>");
            return;
        }

        if (Huge)
        {
            Record(request, HttpStatusCode.OK);
            await context.Response.WriteAsync("<rss><channel>");
            var filler = new string(' ', 64 * 1024);
            for (var i = 0; i < 48 && !context.RequestAborted.IsCancellationRequested; i++)
            {
                await context.Response.WriteAsync(filler);
            }

            return;
        }

        List<FeedEntry> snapshot;
        lock (items)
        {
            snapshot = [.. items];
        }

        // Validators change with the content: the count is enough, items are only ever added.
        var etag = $"\"v{snapshot.Count}\"";
        var modified = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(snapshot.Count).ToString("R", CultureInfo.InvariantCulture);
        var unchanged = Validator == FeedValidator.ETag ? request.IfNoneMatch == etag : request.IfModifiedSince == modified;
        if (unchanged)
        {
            Record(request, HttpStatusCode.NotModified);
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        Record(request, HttpStatusCode.OK);
        if (Validator == FeedValidator.ETag)
        {
            context.Response.Headers.ETag = etag;
        }
        else
        {
            context.Response.Headers.LastModified = modified;
        }

        context.Response.ContentType = Format == FeedFormat.Rss ? "application/rss+xml" : "application/atom+xml";
        await context.Response.WriteAsync(Format == FeedFormat.Rss ? Rss(snapshot) : Atom(snapshot));
    }

    private static string Rss(List<FeedEntry> entries) =>
        "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>Acme news</title>"
        + string.Concat(entries.Select(i =>
            $"<item><guid isPermaLink=\"false\">{E(i.Id)}</guid><title>{E(i.Title)}</title><description>{E("<p>" + i.Text + "</p>")}</description>"
            + $"<link>https://news.example/{E(i.Id)}</link><dc:creator>Jo Writer</dc:creator>"
            + (i.Published is { } p ? $"<pubDate>{p.ToString("R", CultureInfo.InvariantCulture)}</pubDate>" : string.Empty) + "</item>"))
        + "</channel></rss>";

    private static string Atom(List<FeedEntry> entries) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Acme blog</title><id>urn:acme:blog</id>"
        + string.Concat(entries.Select(i =>
            $"<entry><id>urn:acme:{E(i.Id)}</id><title>{E(i.Title)}</title><summary type=\"html\">{E("<p>" + i.Text + "</p>")}</summary>"
            + $"<link rel=\"alternate\" href=\"https://blog.example/{E(i.Id)}\"/><author><name>Ana Blogger</name></author>"
            + (i.Published is { } p ? $"<updated>{p.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}</updated>" : string.Empty) + "</entry>"))
        + "</feed>";

    private static string E(string text) => SecurityElement.Escape(text);

    private void Record(FeedRequest request, HttpStatusCode? status)
    {
        lock (requests)
        {
            requests.Add(request with { Status = status });
        }
    }

    private sealed record FeedEntry(string Id, string Title, string Text, DateTimeOffset? Published);
}

public enum FeedFormat
{
    Rss,
    Atom,
}

public enum FeedValidator
{
    ETag,
    LastModified,
}

/// <param name="Status">What the server answered; null when the client gave up first.</param>
internal sealed record FeedRequest(string Path, string IfNoneMatch, string IfModifiedSince, HttpStatusCode? Status = null);
