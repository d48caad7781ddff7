using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Humanizer;
using Microsoft.Extensions.Options;
using SocialBot.Bot.Ingestion;
using SocialBot.Bot.State;

namespace SocialBot.Bot.Features.Mentions.Feeds;

/// <summary>The outcome of one look at a feed.</summary>
/// <param name="Ok">The feed answered with a feed (200) or "not modified" (304).</param>
/// <param name="NewItems">Items handed to the mention queue.</param>
/// <param name="ItemsInFeed">Items the feed listed (0 on 304 or failure).</param>
/// <param name="Error">What went wrong, in words for the user, with what to check.</param>
/// <param name="AddressRefused">The address is on a private network (it will never work unless allowed).</param>
internal sealed record FeedPollResult(bool Ok, int NewItems, int ItemsInFeed, string? Error, bool NotModified = false, bool AddressRefused = false)
{
    public static FeedPollResult Failed(string error, bool addressRefused = false) => new(false, 0, 0, error, AddressRefused: addressRefused);
}

/// <summary>
/// One look at one feed: a conditional GET (ETag / Last-Modified, only once the feed is primed), a bounded download
/// (<see cref="MaxBytes"/>, <see cref="FeedOptions.FeedTimeout"/> for headers and body together), the parse, per-item
/// dedupe and the hand-off of new items to the same queue as <c>/api/mentions</c>, addressed to the following chat.
/// Then the state and the next poll are saved: the interval after an answer, an exponential back-off after a failure.
/// <para>
/// The first successful look only remembers the items it finds (following a feed must not flood the chat with its
/// back catalogue); later looks deliver items not seen before. An item is remembered after it is queued, and the queue
/// itself is idempotent on the item, so a crash in between repeats the hand-off but never loses or doubles an item.
/// </para>
/// </summary>
internal sealed partial class FeedFetcher(
    FeedStore feeds,
    MentionQueue queue,
    IHttpClientFactory http,
    IOptions<FeedOptions> options,
    TimeProvider clock,
    ILogger<FeedFetcher> logger)
{
    public const string HttpClientName = "feeds";
    public const int MaxBytes = 2 * 1024 * 1024;
    private const int MaxTextLength = 2_000;

    public async Task<FeedPollResult> LookAsync(FeedState state, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var settings = options.Value;
        Download download;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            // Real time on purpose: a network deadline is about the wire, not the scheduler's clock.
            timeout.CancelAfter(settings.FeedTimeout);
            download = await DownloadAsync(state, timeout.Token, ct).ConfigureAwait(false);
        }

        var result = download.Failure ?? new FeedPollResult(true, 0, 0, null, NotModified: download.Items is null);
        if (download.Items is { } items)
        {
            var delivered = await HandOffAsync(state, items, now, ct).ConfigureAwait(false);
            result = result with { NewItems = delivered, ItemsInFeed = items.Count };
        }

        var failures = result.Ok ? 0 : state.Failures + 1;
        var wait = result.Ok ? settings.FeedPollInterval : Backoff(settings, failures, download.RetryAfter);
        var next = state with
        {
            Primed = state.Primed || download.Items is not null,
            // A full answer replaces the validators (a server that stopped sending one must not get it back).
            ETag = download.Items is null ? state.ETag : download.ETag,
            LastModified = download.Items is null ? state.LastModified : download.LastModified,
            Failures = failures,
            CheckedAt = now,
            NextPollAt = now + wait,
            LastError = result.Error,
            ItemsListed = download.Items?.Count ?? state.ItemsListed,
            ItemsDelivered = state.ItemsDelivered + result.NewItems,
        };
        await feeds.SaveAsync(next, ct).ConfigureAwait(false);
        if (result.Ok)
        {
            LogLooked(logger, state.FeedId, result.NotModified, result.ItemsInFeed, result.NewItems);
        }
        else
        {
            LogFailed(logger, state.FeedId, HostOf(state.Url), result.Error ?? "unknown", failures, wait);
        }

        return result;
    }

    /// <summary>interval × 2^failures, at most <see cref="FeedOptions.FeedMaxBackoff"/>; a server's Retry-After is honoured within that cap.</summary>
    public static TimeSpan Backoff(FeedOptions settings, int failures, TimeSpan? retryAfter = null)
    {
        var doubled = TimeSpan.FromTicks(Math.Min(settings.FeedMaxBackoff.Ticks, settings.FeedPollInterval.Ticks * (1L << Math.Clamp(failures, 0, 16))));
        return retryAfter is { } asked && asked > doubled ? (asked < settings.FeedMaxBackoff ? asked : settings.FeedMaxBackoff) : doubled;
    }

    private async Task<Download> DownloadAsync(FeedState state, CancellationToken deadline, CancellationToken ct)
    {
        var url = new Uri(state.Url);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd("application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1");

            // Validators of an unprimed feed are not sent: a 304 must never stand in for the first real look.
            if (state.Primed && state.ETag is { } etag)
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            }

            if (state.Primed && state.LastModified is { } modified)
            {
                request.Headers.TryAddWithoutValidation("If-Modified-Since", modified);
            }

            using var response = await http.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new Download(null, null, null, null, null);
            }

            if (!response.IsSuccessStatusCode)
            {
                return new Download(null, FeedPollResult.Failed(StatusError(response.StatusCode)), null, null, RetryAfter(response.Headers.RetryAfter));
            }

            if (response.Content.Headers.ContentLength > MaxBytes)
            {
                return new Download(null, FeedPollResult.Failed(TooLarge), null, null, null);
            }

            await using var body = await response.Content.ReadAsStreamAsync(deadline).ConfigureAwait(false);
            using var buffer = await ReadBoundedAsync(body, deadline).ConfigureAwait(false);
            var items = FeedReader.Read(buffer);
            return new Download(
                items,
                null,
                response.Headers.ETag?.ToString(),
                response.Content.Headers.LastModified?.ToString("R", CultureInfo.InvariantCulture),
                null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new Download(null, FeedPollResult.Failed($"The feed did not answer within {options.Value.FeedTimeout.Humanize()}; I'll try again later."), null, null, null);
        }
        catch (HttpRequestException exception) when (Refusal(exception) is not null)
        {
            return new Download(null, FeedPollResult.Failed("That address is on a private or local network; I only follow public feeds.", addressRefused: true), null, null, null);
        }
        catch (HttpRequestException exception)
        {
            return new Download(null, FeedPollResult.Failed(exception.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => $"No server is known as {url.Host}: check the address.",
                HttpRequestError.ConnectionError => $"I couldn't connect to {url.Host}: check the address, or the site may be down.",
                HttpRequestError.SecureConnectionError => $"{url.Host} did not present a valid HTTPS certificate.",
                _ => $"I couldn't read the answer of {url.Host}; I'll try again later.",
            }), null, null, null);
        }
        catch (FeedFormatException exception)
        {
            return new Download(null, FeedPollResult.Failed(exception.Message), null, null, null);
        }
        catch (IOException)
        {
            return new Download(null, FeedPollResult.Failed($"The connection to {url.Host} broke while reading the feed; I'll try again later."), null, null, null);
        }
    }

    private const string TooLarge = "The feed is larger than 2 MB; ask its owner for a shorter one (most sites offer one per category).";

    /// <summary>The whole body into memory, refusing more than <see cref="MaxBytes"/> whatever Content-Length claimed.</summary>
    private static async Task<MemoryStream> ReadBoundedAsync(Stream body, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                await buffer.DisposeAsync().ConfigureAwait(false);
                throw new FeedFormatException(TooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return buffer;
    }

    private async Task<int> HandOffAsync(FeedState state, IReadOnlyList<FeedItem> items, DateTimeOffset now, CancellationToken ct)
    {
        var delivered = 0;
        foreach (var item in items)
        {
            if (await feeds.IsSeenAsync(state, item.Id, ct).ConfigureAwait(false))
            {
                continue;
            }

            // Not delivered: the back catalogue at the first look, and items older than what is remembered (they
            // would come back each time the feed re-lists them after their seen mark expired).
            var stale = item.Published is { } published && published < now - FeedStore.SeenKept;
            if (state.Primed && !stale && await queue.EnqueueAsync(Mention(state, item, now), ct).ConfigureAwait(false) == EnqueueOutcome.Accepted)
            {
                delivered++;
            }

            await feeds.MarkSeenAsync(state, item.Id, ct).ConfigureAwait(false);
        }

        return delivered;
    }

    private static IncomingMention Mention(FeedState state, FeedItem item, DateTimeOffset now)
    {
        var text = item.Summary.Length == 0 ? item.Title
            : item.Title.Length == 0 || item.Summary.StartsWith(item.Title, StringComparison.Ordinal) ? item.Summary
            : $"{item.Title} — {item.Summary}";
        return new IncomingMention
        {
            TenantId = StoreKey.TenantOrDefault(state.TenantId),

            // Per chat and article: two chats following one feed each get its items, and an article listed by two
            // feeds of one chat (a press feed and a news search, often with their own tracking parameters) is one alert.
            Id = $"feed:{StoreKey.Digest(state.ConversationId)}:{StoreKey.Digest(ArticleIdentity(state.FeedId, item))}",
            Source = MentionSource.News,
            Url = item.Link,
            Author = new MentionAuthor(null, item.Author ?? HostOf(state.Url), null),
            Text = text.Length <= MaxTextLength ? text : text[..MaxTextLength] + "…",
            CreatedAt = item.Published is { } published && published < now ? published : now,
            FeedConversationId = state.ConversationId,
            ReceivedAt = now,
        };
    }

    /// <summary>
    /// The article's link without its scheme, fragment and <c>utm_*</c> parameters; without a link, the
    /// item's id within its feed (ids like "1" are only unique there).
    /// </summary>
    internal static string ArticleIdentity(string feedId, FeedItem item)
    {
        if (!Uri.TryCreate(item.Link, UriKind.Absolute, out var link) || (link.Scheme != Uri.UriSchemeHttp && link.Scheme != Uri.UriSchemeHttps))
        {
            return $"id:{feedId}:{item.Id}";
        }

        var query = string.Join('&', link.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => !pair.StartsWith("utm_", StringComparison.OrdinalIgnoreCase)));
        // Uri has already put the host in lower case and left out a default port.
        return $"{link.Authority}{link.AbsolutePath}{(query.Length == 0 ? string.Empty : "?" + query)}";
    }

    private static string StatusError(HttpStatusCode status) => (int)status switch
    {
        404 or 410 => $"The feed answered HTTP {(int)status} (not found): check the address.",
        401 or 403 => $"The feed answered HTTP {(int)status} (it needs a login); I can only follow public feeds.",
        429 => "The feed's server asked me to slow down (HTTP 429); I'll try again later.",
        >= 500 => $"The feed's server had an error (HTTP {(int)status}); I'll try again later.",
        _ => $"The feed answered HTTP {(int)status}: check the address.",
    };

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - clock.GetUtcNow(),
        _ => null,
    };

    private static PrivateFeedAddressException? Refusal(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is PrivateFeedAddressException refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    private static string HostOf(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : url;

    /// <param name="Items">The parsed items; null on 304 or failure.</param>
    private sealed record Download(IReadOnlyList<FeedItem>? Items, FeedPollResult? Failure, string? ETag, string? LastModified, TimeSpan? RetryAfter);

    [LoggerMessage(EventId = 5322, Level = LogLevel.Debug, Message = "Feed {FeedId} looked at: not modified {NotModified}, {Items} items, {New} new")]
    private static partial void LogLooked(ILogger logger, string feedId, bool notModified, int items, int @new);

    [LoggerMessage(EventId = 5321, Level = LogLevel.Information, Message = "Feed {FeedId} at {Host} could not be read ({Failures} in a row, next look in {Wait}): {Error}")]
    private static partial void LogFailed(ILogger logger, string feedId, string host, string error, int failures, TimeSpan wait);
}
