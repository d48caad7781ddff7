namespace SocialBot.Bot.Protocol.Connector;

/// <summary>
/// Builds Bot Connector v3 URLs. Every id is escaped as one path segment: Teams conversation ids contain
/// <c>:</c>, <c>@</c>, <c>;</c> and <c>=</c> (e.g. <c>19:abc@thread.tacv2;messageid=123</c>).
/// </summary>
internal static class ConnectorRoutes
{
    public static Uri Conversations(string serviceUrl) => Build(serviceUrl, "v3/conversations");

    public static Uri Activities(string serviceUrl, string conversationId) =>
        Build(serviceUrl, $"v3/conversations/{Segment(conversationId)}/activities");

    public static Uri Activity(string serviceUrl, string conversationId, string activityId) =>
        Build(serviceUrl, $"v3/conversations/{Segment(conversationId)}/activities/{Segment(activityId)}");

    public static Uri Members(string serviceUrl, string conversationId) =>
        Build(serviceUrl, $"v3/conversations/{Segment(conversationId)}/members");

    /// <summary>The service URL as an absolute http(s) base that always ends with exactly one slash.</summary>
    public static Uri BaseOf(string serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new ArgumentException("The service URL must be an absolute http(s) URL without query or fragment.", nameof(serviceUrl));
        }

        return new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
    }

    private static Uri Build(string serviceUrl, string relative) => new(BaseOf(serviceUrl), relative);

    private static string Segment(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (id is "." or "..")
        {
            // Escaping leaves dot segments alone and the URI parser would resolve them away.
            throw new ArgumentException("An id cannot be a dot segment.", nameof(id));
        }

        return Uri.EscapeDataString(id);
    }
}
