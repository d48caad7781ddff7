using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SocialBot.Testing;

/// <summary>How the fake model answers <c>POST …/chat/completions</c>.</summary>
public enum FakeChatBehaviour
{
    Answer,
    ServerError,
    Hang,
}

/// <summary>
/// An OpenAI-compatible chat completions endpoint on loopback, so tests exercise the real client and its wire format.
/// <see cref="Endpoint"/> is what <c>AI:Endpoint</c> is set to.
/// </summary>
public sealed class FakeChatModel : IAsyncDisposable
{
    private readonly WebApplication app;
    private int requests;

    private FakeChatModel(WebApplication app) => this.app = app;

    public string Endpoint { get; private set; } = string.Empty;

    public FakeChatBehaviour Behaviour { get; set; } = FakeChatBehaviour.Answer;

    public string Answer { get; set; } = "Launch chatter is four times its usual volume and mostly positive.";

    public int Requests => Volatile.Read(ref requests);

    /// <summary>The last prompt the model received, as JSON.</summary>
    public string? LastRequest { get; private set; }

    public static async Task<FakeChatModel> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var model = new FakeChatModel(app);
        app.MapPost("/v1/chat/completions", model.CompleteAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        model.Endpoint = address.TrimEnd('/') + "/v1/";
        return model;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync().ConfigureAwait(false);

    private async Task<IResult> CompleteAsync(HttpRequest request, CancellationToken ct)
    {
        Interlocked.Increment(ref requests);
        using var reader = new StreamReader(request.Body);
        LastRequest = await reader.ReadToEndAsync(ct).ConfigureAwait(false);
        switch (Behaviour)
        {
            case FakeChatBehaviour.ServerError:
                return Results.StatusCode(StatusCodes.Status500InternalServerError);
            case FakeChatBehaviour.Hang:
                await Task.Delay(Timeout.InfiniteTimeSpan, ct).ConfigureAwait(false);
                return Results.StatusCode(StatusCodes.Status504GatewayTimeout);
        }

        var body = new JsonObject
        {
            ["id"] = "chatcmpl-test",
            ["object"] = "chat.completion",
            ["created"] = 1_760_000_000,
            ["model"] = "test-model",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = Answer },
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 10, ["total_tokens"] = 20 },
        };
        return Results.Text(body.ToJsonString(), "application/json");
    }
}
