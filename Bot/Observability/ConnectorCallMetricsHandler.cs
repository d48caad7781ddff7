namespace SocialBot.Bot.Observability;

/// <summary>
/// Sits inside the connector's HttpClient, so every attempt (retries included) is counted with its status code,
/// and 429s separately: a 429 storm shows up as <c>socialbot.connector.throttled</c> climbing.
/// </summary>
internal sealed class ConnectorCallMetricsHandler(BotTelemetry telemetry) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            telemetry.RecordConnectorCall(request.Method.Method, (int)response.StatusCode);
            return response;
        }
        catch (HttpRequestException)
        {
            // No status: the connection failed. 0 keeps it visible next to the real codes.
            telemetry.RecordConnectorCall(request.Method.Method, 0);
            throw;
        }
    }
}
