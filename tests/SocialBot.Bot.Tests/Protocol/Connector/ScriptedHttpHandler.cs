using System.Net;
using System.Text;

namespace SocialBot.Bot.Tests.Protocol.Connector;

/// <summary>An HTTP handler that answers from a script and records what the client sent.</summary>
internal sealed class ScriptedHttpHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpResponseMessage>> _script = new();
    private readonly List<SentRequest> _sent = [];

    public IReadOnlyList<SentRequest> Sent
    {
        get
        {
            lock (_sent)
            {
                return [.. _sent];
            }
        }
    }

    public ScriptedHttpHandler Then(HttpStatusCode status, string? body = null, Action<HttpResponseMessage>? configure = null)
    {
        _script.Enqueue(() =>
        {
            var response = new HttpResponseMessage(status);
            if (body is not null)
            {
                response.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            configure?.Invoke(response);
            return response;
        });
        return this;
    }

    public ScriptedHttpHandler ThenThrow(Exception exception)
    {
        _script.Enqueue(() => throw exception);
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (_sent)
        {
            _sent.Add(new SentRequest(request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), body));
        }

        return _script.TryDequeue(out var next)
            ? next()
            : throw new InvalidOperationException("The script has no more answers.");
    }

    internal sealed record SentRequest(HttpMethod Method, Uri Uri, string? Authorization, string? Body);
}
