using System.Buffers;
using System.Globalization;
using Microsoft.Extensions.Options;
using SocialBot.Bot.State;

namespace SocialBot.Bot.Ingestion;

/// <summary>
/// <c>POST /api/mentions</c> (PRODUCT.md "Mentions"). Signed with <c>Ingestion:Secret</c>, not the bot's JWT:
/// the signature is checked on the raw bytes before anything parses them.
/// </summary>
internal static partial class MentionsEndpoint
{
    public const string Pattern = "/api/mentions";
    private const int BacklogRetryAfterSeconds = 30;
    private const int OutageRetryAfterSeconds = 10;

    public static IEndpointRouteBuilder MapMentionIngestion(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Pattern, HandleAsync);
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext http,
        IOptions<IngestionOptions> options,
        IKnownTenants tenants,
        MentionQueue queue,
        TimeProvider time,
        ILoggerFactory loggerFactory,
        CancellationToken ct)
    {
        var logger = loggerFactory.CreateLogger("SocialBot.Ingestion.Mentions");
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.Secret))
        {
            LogNotConfigured(logger);
            return Results.Problem(
                detail: "Mention ingestion is not configured on this bot: set Ingestion:Secret (environment variable Ingestion__Secret).",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var body = await ReadCappedAsync(http.Request, settings.MaxBodyBytes, ct);
        if (body is null)
        {
            LogTooLarge(logger, http.Request.ContentLength);
            return Results.Problem(
                detail: $"The body is larger than {settings.MaxBodyBytes} bytes; send at most {settings.MaxItems} mentions per request.",
                statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var check = MentionSignature.Verify(
            http.Request.Headers[MentionSignature.TimestampHeader].ToString(),
            http.Request.Headers[MentionSignature.SignatureHeader].ToString(),
            body.Value.Span,
            settings.Secret,
            time.GetUtcNow(),
            settings.ClockSkew);
        if (check != SignatureCheck.Valid)
        {
            LogUnauthorized(logger, check);
            return Results.Problem(detail: MentionSignature.Describe(check), statusCode: StatusCodes.Status401Unauthorized);
        }

        var batch = MentionBatchParser.Parse(body.Value, tenants.Tenants, settings.MaxItems, time.GetUtcNow());
        if (batch.Error is { } error)
        {
            return Results.Problem(detail: error, statusCode: StatusCodes.Status400BadRequest);
        }

        try
        {
            var backlog = await queue.BacklogAsync(ct);
            if (backlog >= settings.MaxBacklog)
            {
                LogBacklogFull(logger, backlog, settings.MaxBacklog);
                http.Response.Headers.RetryAfter = BacklogRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return Results.Problem(
                    detail: $"Too many mentions are waiting to be processed; retry in {BacklogRetryAfterSeconds} seconds.",
                    statusCode: StatusCodes.Status429TooManyRequests);
            }

            var answer = await EnqueueAsync(queue, batch, ct);
            LogAccepted(logger, answer.Accepted, answer.Duplicates, answer.Rejected.Count);
            return Results.Json(answer, IngestionJsonContext.Default.IngestionAnswer, statusCode: StatusCodes.Status202Accepted);
        }
        catch (StoreUnavailableException exception)
        {
            // Whatever was appended before the outage answers as a duplicate when the sender retries the batch.
            LogStoreUnavailable(logger, exception.Message);
            http.Response.Headers.RetryAfter = OutageRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return Results.Problem(
                detail: $"Mentions cannot be stored right now; nothing in this request was confirmed. Retry in {OutageRetryAfterSeconds} seconds.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static async Task<IngestionAnswer> EnqueueAsync(MentionQueue queue, MentionBatch batch, CancellationToken ct)
    {
        // A repeat inside the same request is a duplicate of its first occurrence, decided here so the answer is stable.
        var firstSeen = new HashSet<(string, MentionSource, string)>();
        var distinct = new List<IncomingMention>(batch.Valid.Count);
        var duplicates = 0;
        foreach (var item in batch.Valid)
        {
            if (firstSeen.Add((item.Mention.TenantId, item.Mention.Source, item.Mention.Id)))
            {
                distinct.Add(item.Mention);
            }
            else
            {
                duplicates++;
            }
        }

        var outcomes = await Task.WhenAll(distinct.Select(mention => queue.EnqueueAsync(mention, ct)));
        var accepted = outcomes.Count(outcome => outcome == EnqueueOutcome.Accepted);
        return new IngestionAnswer(accepted, duplicates + outcomes.Length - accepted, batch.Rejected);
    }

    /// <returns>Null when the body is over <paramref name="maxBytes"/>.</returns>
    internal static async Task<ReadOnlyMemory<byte>?> ReadCappedAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(maxBytes + 1L, request.ContentLength + 1 ?? 16 * 1024));
        while (true)
        {
            var read = await request.Body.ReadAsync(buffer.GetMemory(16 * 1024), ct);
            if (read == 0)
            {
                return buffer.WrittenMemory;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
            {
                return null;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "POST /api/mentions refused: Ingestion:Secret is not configured")]
    private static partial void LogNotConfigured(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "POST /api/mentions refused a body over the size cap (Content-Length {ContentLength})")]
    private static partial void LogTooLarge(ILogger logger, long? contentLength);

    [LoggerMessage(Level = LogLevel.Warning, Message = "POST /api/mentions refused an unauthenticated request: {Check}")]
    private static partial void LogUnauthorized(ILogger logger, SignatureCheck check);

    [LoggerMessage(Level = LogLevel.Warning, Message = "POST /api/mentions answered 429: backlog {Backlog} is at or over Ingestion:MaxBacklog {MaxBacklog}")]
    private static partial void LogBacklogFull(ILogger logger, long backlog, long maxBacklog);

    [LoggerMessage(Level = LogLevel.Information, Message = "POST /api/mentions: {Accepted} accepted, {Duplicates} duplicates, {Rejected} rejected")]
    private static partial void LogAccepted(ILogger logger, int accepted, int duplicates, int rejected);

    [LoggerMessage(Level = LogLevel.Warning, Message = "POST /api/mentions answered 503: the state store is unavailable ({Reason})")]
    private static partial void LogStoreUnavailable(ILogger logger, string reason);
}
