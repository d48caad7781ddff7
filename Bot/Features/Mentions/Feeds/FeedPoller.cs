using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using SocialBot.Bot.Ingestion;
using SocialBot.Bot.Observability.Health;
using SocialBot.Bot.State;

namespace SocialBot.Bot.Features.Mentions.Feeds;

/// <summary>The outcome of one look at a feed.</summary>
/// <param name="Ok">The feed answered (200 or 304).</param>
/// <param name="NewItems">Items handed to the mention queue.</param>
/// <param name="ItemsInFeed">Items the feed listed (0 on 304 or failure).</param>
/// <param name="Error">What went wrong, in words for the user.</param>
internal sealed record FeedPollResult(bool Ok, int NewItems, int ItemsInFeed, string? Error);

/// <summary>
/// Polls due feeds: conditional GETs (ETag / Last-Modified), exponential back-off on errors, new items into the same
/// queue as <c>/api/mentions</c> with the following chat as their destination. Due times live in the store and each
/// poll is claimed, so a restart skips nothing and two instances poll once. The first look only remembers what is
/// there, so following a feed does not flood the chat with its back catalogue.
/// </summary>
internal sealed partial class FeedPoller(
    FeedStore feeds,
    MentionQueue queue,
    IHttpClientFactory http,
    IStateStore store,
    IOptions<MentionsOptions> options,
    TimeProvider clock,
    ILogger<FeedPoller> logger,
    IWorkerHeartbeats? heartbeats = null) : BackgroundService
{
    public const string HttpClientName = "feeds";
    private const int MaxTextLength = 2_000;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(6);
    private readonly string owner = Guid.NewGuid().ToString("N");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wake = options.Value.FeedPollInterval < TimeSpan.FromSeconds(30) ? options.Value.FeedPollInterval : TimeSpan.FromSeconds(30);
        while (!stoppingToken.IsCancellationRequested)
        {
            heartbeats?.Beat(nameof(FeedPoller), wake * 20);
            try
            {
                await PollDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogRoundFailed(logger, exception);
            }

            await Task.Delay(wake, clock, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <returns>How many feeds this instance looked at.</returns>
    public async Task<int> PollDueAsync(CancellationToken ct)
    {
        var polled = 0;
        foreach (var due in await feeds.DueAsync(clock.GetUtcNow(), ct).ConfigureAwait(false))
        {
            var parts = due.Member.Split('|', 2);
            var claim = StoreKey.Global("mentions", "feed-lock", StoreKey.Digest(due.Member), due.Score.ToString(CultureInfo.InvariantCulture));
            if (parts.Length != 2 || !await store.TryClaimAsync(claim, owner, TimeSpan.FromMinutes(2), ct).ConfigureAwait(false))
            {
                continue;
            }

            if (await feeds.StateAsync(parts[0], parts[1], ct).ConfigureAwait(false) is not { } state)
            {
                await feeds.RemoveDueAsync(due.Member, ct).ConfigureAwait(false);
                continue;
            }

            await PollAsync(state, ct).ConfigureAwait(false);
            polled++;
        }

        return polled;
    }

    public async Task<FeedPollResult> PollAsync(FeedState state, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        FeedPollResult result;
        FeedState next;
        try
        {
            (result, next) = await FetchAsync(state, ct).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or FeedFormatException or IOException && !ct.IsCancellationRequested)
        {
            var error = exception switch
            {
                FeedFormatException format => format.Message,
                TaskCanceledException => "The feed did not answer within 10 seconds.",
                _ => "I couldn't reach the feed's server.",
            };
            result = new FeedPollResult(false, 0, 0, error);
            next = state;
        }

        var failures = result.Ok ? 0 : next.Failures + 1;
        var interval = options.Value.FeedPollInterval;
        var wait = result.Ok ? interval : TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, interval.Ticks * (1L << Math.Min(failures, 10))));
        next = next with { Failures = failures, CheckedAt = now, LastError = result.Error, ItemsDelivered = next.ItemsDelivered + result.NewItems };
        await feeds.SaveAsync(next, now + wait, ct).ConfigureAwait(false);
        if (!result.Ok)
        {
            LogFeedFailed(logger, state.Url, result.Error ?? "unknown");
        }

        return result;
    }

    private async Task<(FeedPollResult Result, FeedState Next)> FetchAsync(FeedState state, CancellationToken ct)
    {
        var url = new Uri(state.Url);
        if (!options.Value.AllowPrivateFeedAddresses && await IsPrivateAsync(url, ct).ConfigureAwait(false))
        {
            return (new FeedPollResult(false, 0, 0, "That address is inside a private network; I only follow public feeds."), state);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1");
        if (state.Primed && state.ETag is { } etag)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        if (state.Primed && state.LastModified is { } modified)
        {
            request.Headers.TryAddWithoutValidation("If-Modified-Since", modified);
        }

        using var response = await http.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return (new FeedPollResult(true, 0, 0, null), state);
        }

        if (!response.IsSuccessStatusCode)
        {
            return (new FeedPollResult(false, 0, 0, $"The feed answered HTTP {(int)response.StatusCode} ({response.ReasonPhrase})."), state);
        }

        if (response.Content.Headers.ContentLength > FeedReader.MaxCharacters)
        {
            return (new FeedPollResult(false, 0, 0, "The feed is larger than 2 MB."), state);
        }

        await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var items = FeedReader.Read(body);
        var delivered = 0;
        foreach (var item in items)
        {
            if (!await feeds.MarkSeenAsync(state.TenantId, state.FeedId, item.Id, ct).ConfigureAwait(false) || !state.Primed)
            {
                continue;
            }

            var outcome = await queue.EnqueueAsync(Mention(state, item), ct).ConfigureAwait(false);
            if (outcome == EnqueueOutcome.Accepted)
            {
                delivered++;
            }
        }

        var next = state with
        {
            Primed = true,
            ETag = response.Headers.ETag?.ToString() ?? state.ETag,
            LastModified = response.Content.Headers.LastModified?.ToString("R", CultureInfo.InvariantCulture) ?? state.LastModified,
        };
        return (new FeedPollResult(true, delivered, items.Count, null), next);
    }

    private IncomingMention Mention(FeedState state, FeedItem item)
    {
        var text = string.IsNullOrEmpty(item.Summary) || item.Summary.StartsWith(item.Title, StringComparison.Ordinal) ? item.Summary : $"{item.Title} — {item.Summary}";
        text = string.IsNullOrEmpty(text) ? item.Title : text;
        return new IncomingMention
        {
            TenantId = state.TenantId,
            Id = StoreKey.Digest(state.Url + "|" + item.Id),
            Source = MentionSource.News,
            Url = item.Link,
            Author = new MentionAuthor(null, item.Author ?? new Uri(state.Url).Host, null),
            Text = text.Length <= MaxTextLength ? text : text[..MaxTextLength] + "…",
            CreatedAt = item.Published ?? clock.GetUtcNow(),
            FeedConversationId = state.ConversationId,
            ReceivedAt = clock.GetUtcNow(),
        };
    }

    /// <summary>Refuses loopback, private, link-local (cloud metadata) and unique-local addresses.</summary>
    private static async Task<bool> IsPrivateAsync(Uri url, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(url.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(url.DnsSafeHost, ct).ConfigureAwait(false);
        return addresses.Length == 0 || addresses.Any(IsPrivate);
    }

    private static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal)
        {
            return true;
        }

        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }

        var b = address.GetAddressBytes();
        return b[0] is 10 or 0 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] is >= 64 and <= 127);
    }

    [LoggerMessage(EventId = 5320, Level = LogLevel.Warning, Message = "Polling feeds failed; trying again on the next round")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5321, Level = LogLevel.Information, Message = "The feed {Url} could not be read: {Error}")]
    private static partial void LogFeedFailed(ILogger logger, string url, string error);
}
