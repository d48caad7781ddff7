using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SocialBot.Testing;

/// <summary>One request as the recording connector received it.</summary>
/// <param name="RawTarget">The request target exactly as sent (still percent-encoded).</param>
/// <param name="ConversationId">The decoded conversation id from the path, if the route has one.</param>
/// <param name="Status">What the connector answered.</param>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string RawTarget,
    string? ConversationId,
    string? ActivityId,
    string? Authorization,
    JsonNode? Body,
    int Status,
    DateTimeOffset ReceivedAt)
{
    public bool Succeeded => Status is >= 200 and < 300;

    /// <summary><c>text</c> of the activity in the body, if any.</summary>
    public string? Text => Body?["text"]?.GetValue<string>();
}

/// <summary>A roster entry answered by <c>GET /v3/conversations/{id}/members</c>.</summary>
public sealed record RosterMember(string Id, string Name, string? AadObjectId = null, string? Email = null);

/// <summary>
/// A real Kestrel server on 127.0.0.1 that plays the Bot Connector: it records every call, answers with generated
/// ids, can fail the next requests of a conversation on demand and can enforce Teams' per-conversation limits
/// (7 requests/s, 60/30 s → 429 with Retry-After).
/// </summary>
public sealed class RecordingConnector : IAsyncDisposable
{
    /// <summary>Key used with <see cref="FailNext"/> for <c>POST /v3/conversations</c>, which has no conversation id.</summary>
    public const string CreateConversationKey = "(create)";

    private static readonly (int Limit, TimeSpan Span)[] TeamsLimits = [(7, TimeSpan.FromSeconds(1)), (60, TimeSpan.FromSeconds(30))];

    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly Dictionary<string, RosterMember[]> _rosters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<(HttpStatusCode Status, int? RetryAfterSeconds)>> _failures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<DateTimeOffset>> _accepted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Count, TimeSpan Delay)> _delays = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _drops = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly WebApplication _app;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextId;

    private RecordingConnector(WebApplication app, TimeProvider time, string pathBase)
    {
        _app = app;
        _time = time;
        PathBase = pathBase;
    }

    /// <summary>The base URL with a trailing slash, e.g. <c>http://127.0.0.1:5123/</c> (plus the path base, if any).</summary>
    public string ServiceUrl { get; private set; } = string.Empty;

    /// <summary>The path the routes live under, e.g. <c>/_connector</c> like the Agents Playground; empty by default.</summary>
    public string PathBase { get; }

    /// <summary>Answer 429 with Retry-After when a conversation goes over 7 requests/s or 60/30 s (accepted requests count).</summary>
    public bool EnforceTeamsLimits { get; set; }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public IReadOnlyList<RecordedRequest> Delivered => [.. Requests.Where(r => r.Succeeded)];

    public static async Task<RecordingConnector> StartAsync(string pathBase = "", TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var connector = new RecordingConnector(app, time ?? TimeProvider.System, pathBase.TrimEnd('/'));
        connector.MapRoutes(string.IsNullOrEmpty(connector.PathBase) ? app : app.MapGroup(connector.PathBase));
        await app.StartAsync().ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        connector.ServiceUrl = address.TrimEnd('/') + connector.PathBase + "/";
        return connector;
    }

    public void SetMembers(string conversationId, params RosterMember[] members)
    {
        lock (_gate)
        {
            _rosters[conversationId] = members;
        }
    }

    /// <summary>The next <paramref name="count"/> requests for the conversation get <paramref name="status"/>.</summary>
    public void FailNext(string conversationId, int count, HttpStatusCode status, int? retryAfterSeconds = null)
    {
        lock (_gate)
        {
            if (!_failures.TryGetValue(conversationId, out var queue))
            {
                queue = new Queue<(HttpStatusCode, int?)>();
                _failures[conversationId] = queue;
            }

            for (var i = 0; i < count; i++)
            {
                queue.Enqueue((status, retryAfterSeconds));
            }
        }
    }

    /// <summary>The next <paramref name="count"/> requests for the conversation are answered only after <paramref name="delay"/>.</summary>
    public void DelayNext(string conversationId, int count, TimeSpan delay)
    {
        lock (_gate)
        {
            _delays[conversationId] = (count, delay);
        }
    }

    /// <summary>
    /// The next <paramref name="count"/> requests for the conversation are recorded (they "reached Teams") and then the
    /// connection is dropped without an answer: the ambiguous failure a client must not blindly repeat.
    /// </summary>
    public void DropNext(string conversationId, int count)
    {
        lock (_gate)
        {
            _drops[conversationId] = count;
        }
    }

    /// <summary>Waits until a recorded request matches, or throws <see cref="TimeoutException"/>.</summary>
    public async Task<RecordedRequest> WaitForAsync(Func<RecordedRequest, bool> predicate, TimeSpan timeout)
    {
        RecordedRequest? match = null;
        await WaitForAsync(
            requests => (match = requests.FirstOrDefault(predicate)) is not null,
            timeout).ConfigureAwait(false);
        return match!;
    }

    /// <summary>Waits until the recorded requests satisfy <paramref name="condition"/>, or throws <see cref="TimeoutException"/>.</summary>
    public async Task WaitForAsync(Func<IReadOnlyList<RecordedRequest>, bool> condition, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (condition(_requests))
                {
                    return;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The recording connector did not see the expected requests within {timeout} ({Requests.Count} recorded).");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private void MapRoutes(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v3/conversations", context => HandleAsync(context, Route.Create));
        routes.MapPost("/v3/conversations/{conversationId}/activities", context => HandleAsync(context, Route.Send));
        routes.MapPost("/v3/conversations/{conversationId}/activities/{activityId}", context => HandleAsync(context, Route.Reply));
        routes.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", context => HandleAsync(context, Route.Update));
        routes.MapDelete("/v3/conversations/{conversationId}/activities/{activityId}", context => HandleAsync(context, Route.Delete));
        routes.MapGet("/v3/conversations/{conversationId}/members", context => HandleAsync(context, Route.Members));
    }

    private async Task HandleAsync(HttpContext context, Route route)
    {
        var request = context.Request;
        var conversationId = request.RouteValues["conversationId"] as string;
        var activityId = request.RouteValues["activityId"] as string;
        JsonNode? body = null;
        if (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method))
        {
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            body = text.Length == 0 ? null : JsonNode.Parse(text);
        }

        if (TakeDelay(conversationId) is { } delay)
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The caller gave up; what it sent still counts as having reached the connector.
            }
        }

        var (status, retryAfter, answer) = Decide(route, conversationId, activityId, body);
        lock (_gate)
        {
            _requests.Add(new RecordedRequest(
                request.Method,
                request.Path.Value ?? string.Empty,
                context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
                conversationId,
                activityId,
                request.Headers.Authorization.Count == 0 ? null : request.Headers.Authorization.ToString(),
                body,
                (int)status,
                _time.GetUtcNow()));
            _changed.TrySetResult();
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        if (TakeDrop(conversationId))
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = (int)status;
        if (retryAfter is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        if (answer is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(answer.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
        }
    }

    private TimeSpan? TakeDelay(string? conversationId)
    {
        lock (_gate)
        {
            if (conversationId is null || !_delays.TryGetValue(conversationId, out var delay) || delay.Count <= 0)
            {
                return null;
            }

            _delays[conversationId] = (delay.Count - 1, delay.Delay);
            return delay.Delay;
        }
    }

    private bool TakeDrop(string? conversationId)
    {
        lock (_gate)
        {
            if (conversationId is null || !_drops.TryGetValue(conversationId, out var left) || left <= 0)
            {
                return false;
            }

            _drops[conversationId] = left - 1;
            return true;
        }
    }

    private (HttpStatusCode Status, int? RetryAfterSeconds, JsonNode? Answer) Decide(Route route, string? conversationId, string? activityId, JsonNode? body)
    {
        lock (_gate)
        {
            var key = conversationId ?? CreateConversationKey;
            if (_failures.TryGetValue(key, out var failures) && failures.TryDequeue(out var failure))
            {
                return (failure.Status, failure.RetryAfterSeconds, Error(failure.Status));
            }

            if (EnforceTeamsLimits && conversationId is not null && OverTeamsLimit(conversationId) is { } wait)
            {
                return (HttpStatusCode.TooManyRequests, wait, Error(HttpStatusCode.TooManyRequests));
            }

            var id = (++_nextId).ToString(CultureInfo.InvariantCulture);
            return route switch
            {
                Route.Create => (HttpStatusCode.Created, null, new JsonObject
                {
                    ["id"] = $"a:created-{id}",
                    ["activityId"] = body?["activity"] is null ? null : id,
                }),
                Route.Send or Route.Reply => (HttpStatusCode.Created, null, new JsonObject { ["id"] = id }),
                Route.Update => (HttpStatusCode.OK, null, new JsonObject { ["id"] = activityId }),
                Route.Delete => (HttpStatusCode.OK, null, null),
                _ => (HttpStatusCode.OK, null, Roster(conversationId!)),
            };
        }
    }

    /// <summary>Seconds to wait when this request would go over a window; otherwise records it and returns null.</summary>
    private int? OverTeamsLimit(string conversationId)
    {
        var now = _time.GetUtcNow();
        if (!_accepted.TryGetValue(conversationId, out var times))
        {
            times = [];
            _accepted[conversationId] = times;
        }

        times.RemoveAll(t => t + TimeSpan.FromSeconds(30) <= now);
        foreach (var (limit, span) in TeamsLimits)
        {
            if (times.Count >= limit && times[^limit] + span > now)
            {
                return Math.Max(1, (int)Math.Ceiling((times[^limit] + span - now).TotalSeconds));
            }
        }

        times.Add(now);
        return null;
    }

    private JsonArray Roster(string conversationId)
    {
        var members = _rosters.TryGetValue(conversationId, out var roster) ? roster : [];
        return new JsonArray([.. members.Select(m => (JsonNode)new JsonObject
        {
            ["id"] = m.Id,
            ["name"] = m.Name,
            ["aadObjectId"] = m.AadObjectId,
            ["email"] = m.Email,
        })]);
    }

    private static JsonObject Error(HttpStatusCode status) => new()
    {
        ["error"] = new JsonObject { ["code"] = status.ToString(), ["message"] = "Failure requested by the test." },
    };

    private enum Route
    {
        Create,
        Send,
        Reply,
        Update,
        Delete,
        Members,
    }
}
