using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SocialBot.Bot.Protocol.Auth;
using SocialBot.Testing;

namespace SocialBot.Benchmarks;

/// <summary>
/// Inbound JWT validation with the signing keys already cached (the steady state): a loopback OpenID issuer serves
/// the test key once, then every call checks signature, issuer, audience, expiry, endorsements and serviceurl.
/// </summary>
[MemoryDiagnoser]
public class JwtValidationBenchmarks
{
    private const string AppId = "5a4e1f7c-0000-4000-8000-00000000b0b0";
    private const string ServiceUrl = "https://smba.trafficmanager.net/amer/";

    private TestOpenIdIssuer _issuer = null!;
    private ServiceProvider _services = null!;
    private BotFrameworkTokenValidator _validator = null!;
    private string _header = string.Empty;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _issuer = await TestOpenIdIssuer.StartAsync();
        var services = new ServiceCollection();
        services.AddHttpClient(ChannelSigningKeyCache.HttpClientName);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Options.Create(new BotIdentityOptions
        {
            MicrosoftAppId = AppId,
            ToBotFromChannelOpenIdMetadataUrl = _issuer.MetadataUrl,
        }));
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<ChannelSigningKeyCache>();
        services.AddSingleton<BotFrameworkTokenValidator>();
        _services = services.BuildServiceProvider();
        _validator = _services.GetRequiredService<BotFrameworkTokenValidator>();
        _header = "Bearer " + _issuer.IssueToken(AppId, ServiceUrl, expires: DateTimeOffset.UtcNow.AddHours(6));
        if (!await Validate())
        {
            throw new InvalidOperationException("The benchmark token does not validate.");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _services.DisposeAsync();
        await _issuer.DisposeAsync();
    }

    [Benchmark]
    public Task<bool> Validate() => ValidateAsync();

    private async Task<bool> ValidateAsync() => (await _validator.AuthenticateAsync(_header, "msteams", ServiceUrl, CancellationToken.None)).Succeeded;
}
