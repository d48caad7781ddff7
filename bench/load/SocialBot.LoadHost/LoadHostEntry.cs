using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SocialBot.Bot.Protocol.Connector;

namespace SocialBot.LoadHost;

/// <summary>
/// Runs the bot on <c>http://127.0.0.1:$LOADHOST_PORT</c> until SIGTERM. Configuration comes from the environment,
/// exactly as for <c>dotnet SocialBot.Bot.dll</c>; the outbound token is <c>$LOADHOST_OUTBOUND_TOKEN</c>.
/// </summary>
internal static class LoadHostEntry
{
    public static async Task<int> Main()
    {
        var port = int.Parse(Environment.GetEnvironmentVariable("LOADHOST_PORT") ?? throw new InvalidOperationException("Set LOADHOST_PORT."), CultureInfo.InvariantCulture);
        var token = Environment.GetEnvironmentVariable("LOADHOST_OUTBOUND_TOKEN") ?? "load-outbound-token";
        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            // Development only so the bot may call the loopback connector (http); authentication stays fully on.
            builder.UseEnvironment("Development");
            // The bot's folder (appsettings.json), as `dotnet SocialBot.Bot.dll` would use its own.
            builder.UseContentRoot(Environment.GetEnvironmentVariable("LOADHOST_CONTENT_ROOT") ?? Directory.GetCurrentDirectory());
            // Development also turns on DI scope validation, which Production does not pay for.
            builder.UseDefaultServiceProvider(options =>
            {
                options.ValidateScopes = false;
                options.ValidateOnBuild = false;
            });
            builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<IBotTokenProvider>(new FixedOutboundToken(token))));
        });
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        factory.StartServer();
        await Console.Out.WriteLineAsync("ready").ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // SIGTERM: stop below.
        }

        return 0;
    }
}

/// <summary>What MSAL's token cache would hand out on every call after the first.</summary>
internal sealed class FixedOutboundToken(string token) : IBotTokenProvider
{
    public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(token);
}
