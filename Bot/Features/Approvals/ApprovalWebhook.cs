using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialBot.Bot.Features.Drafts;
using SocialBot.Bot.Features.Drafts.Rules;
using SocialBot.Bot.Ingestion;

namespace SocialBot.Bot.Features.Approvals;

/// <summary>The JSON an approval webhook receives.</summary>
internal sealed record ApprovalWebhookPayload(
    string Event,
    string DeliveryId,
    string TenantId,
    string DraftId,
    int ContentVersion,
    string State,
    string Text,
    IReadOnlyList<string> Networks,
    string? Link,
    DateTimeOffset? PublishAt,
    string? Campaign,
    bool Sponsored,
    string AuthorId,
    string? AuthorName,
    string ApprovedById,
    string? ApprovedByName,
    DateTimeOffset ApprovedAt);

/// <summary>
/// POSTs <see cref="ApprovalWebhookPayload"/> to <c>Approvals:WebhookUrl</c>, signed like ingestion
/// (<c>X-SocialBot-Timestamp</c>, <c>X-SocialBot-Signature: sha256=hex(HMAC-SHA256("ts.body", Ingestion:Secret))</c>).
/// One attempt per call: the payload waits in the tenant's follow-up queue (<see cref="ApprovalFollowUpQueue"/>), which
/// retries with back-off (1 s, 2 s, 4 s, 8 s, 16 s) across restarts and instances, off the invoke path.
/// </summary>
internal sealed partial class ApprovalWebhook(
    IHttpClientFactory http,
    IOptions<ApprovalsOptions> options,
    IOptions<IngestionOptions> ingestion,
    TimeProvider clock,
    ILogger<ApprovalWebhook> logger)
{
    public const string HttpClientName = "approvals-webhook";
    public const int MaxAttempts = 6;

    public bool Enabled => !string.IsNullOrWhiteSpace(options.Value.WebhookUrl);

    /// <summary>What the webhook gets for an approval; null when no webhook is configured or nothing was decided.</summary>
    public ApprovalWebhookPayload? PayloadFor(ApprovalRequest request, Draft draft)
    {
        if (!Enabled || request.Decision is not { } decision)
        {
            return null;
        }

        return new ApprovalWebhookPayload(
            "post.approved",
            string.Create(CultureInfo.InvariantCulture, $"{request.DraftId}:{request.ContentVersion}:{decision.At.ToUnixTimeMilliseconds()}"),
            request.TenantId,
            request.DraftId,
            request.ContentVersion,
            request.State.ToString(),
            draft.Content.Text,
            draft.Content.Networks.Select(n => n.WireName()).ToList(),
            draft.Content.Link,
            draft.Content.PublishAt,
            draft.Content.Campaign,
            draft.Content.Sponsored,
            request.Author.Id,
            request.Author.Name,
            decision.Actor.Id,
            decision.Actor.Name,
            decision.At);
    }

    /// <summary>One signed POST; true when the receiver accepted it (2xx).</summary>
    internal async Task<bool> TryDeliverAsync(ApprovalWebhookPayload payload, int attempt, CancellationToken ct)
    {
        if (!Enabled)
        {
            return true;
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(payload, ApprovalsJsonContext.Default.ApprovalWebhookPayload);
        try
        {
            var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            using var request = new HttpRequestMessage(HttpMethod.Post, options.Value.WebhookUrl) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
            request.Headers.Add(MentionSignature.TimestampHeader, timestamp);
            request.Headers.Add(MentionSignature.SignatureHeader, MentionSignature.Sign(ingestion.Value.Secret ?? string.Empty, timestamp, body));
            request.Headers.Add("X-SocialBot-Delivery", payload.DeliveryId);
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
            if (response.IsSuccessStatusCode)
            {
                LogDelivered(logger, payload.DraftId, attempt);
                return true;
            }

            LogAttemptFailed(logger, payload.DraftId, attempt, (int)response.StatusCode);
        }
        catch (HttpRequestException ex)
        {
            LogAttemptError(logger, ex, payload.DraftId, attempt);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            LogAttemptError(logger, ex, payload.DraftId, attempt);
        }

        return false;
    }

    [LoggerMessage(EventId = 5020, Level = LogLevel.Information, Message = "Approval webhook for {DraftId} delivered on attempt {Attempt}.")]
    private static partial void LogDelivered(ILogger logger, string draftId, int attempt);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Warning, Message = "Approval webhook for {DraftId}: attempt {Attempt} answered {Status}.")]
    private static partial void LogAttemptFailed(ILogger logger, string draftId, int attempt, int status);

    [LoggerMessage(EventId = 5022, Level = LogLevel.Warning, Message = "Approval webhook for {DraftId}: attempt {Attempt} failed.")]
    private static partial void LogAttemptError(ILogger logger, Exception exception, string draftId, int attempt);
}
