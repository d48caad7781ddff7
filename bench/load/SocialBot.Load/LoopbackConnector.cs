using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SocialBot.Load;

/// <summary>
/// A minimal Bot Connector on 127.0.0.1 that answers every send, reply, update and create-conversation at once and only
/// counts them, so the bots under test, not the connector, set the pace. It can keep the next request's body.
/// </summary>
internal sealed class LoopbackConnector : IAsyncDisposable
{
    private readonly WebApplication app;
    private long received;
    private long nextId;
    private TaskCompletionSource<string>? capture;

    private LoopbackConnector(WebApplication app) => this.app = app;

    public string ServiceUrl { get; private set; } = string.Empty;

    public long Received => Interlocked.Read(ref received);

    public static async Task<LoopbackConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var connector = new LoopbackConnector(app);
        app.MapPost("/v3/conversations", connector.CreateAsync);
        app.MapPost("/v3/conversations/{conversationId}/activities", connector.SendAsync);
        app.MapPost("/v3/conversations/{conversationId}/activities/{activityId}", connector.SendAsync);
        app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", connector.SendAsync);
        app.MapGet("/v3/conversations/{conversationId}/members", () => Results.Text("[]", "application/json"));
        await app.StartAsync();
        connector.ServiceUrl = app.Urls.First().TrimEnd('/') + "/";
        return connector;
    }

    /// <summary>The body of the next activity the connector receives.</summary>
    public Task<string> CaptureNextAsync()
    {
        var next = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref capture, next);
        return next.Task;
    }

    private async Task SendAsync(HttpContext context)
    {
        var body = await ReadAsync(context);
        if (Interlocked.Exchange(ref capture, null) is { } waiting)
        {
            waiting.TrySetResult(body);
        }

        await AnswerAsync(context, 201, "{\"id\":\"" + Interlocked.Increment(ref nextId) + "\"}");
    }

    private async Task CreateAsync(HttpContext context)
    {
        await ReadAsync(context);
        await AnswerAsync(context, 201, "{\"id\":\"a:created-" + Interlocked.Increment(ref nextId) + "\",\"activityId\":\"" + Interlocked.Increment(ref nextId) + "\"}");
    }

    private async Task<string> ReadAsync(HttpContext context)
    {
        Interlocked.Increment(ref received);
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(context.RequestAborted);
    }

    private static Task AnswerAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(json, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
