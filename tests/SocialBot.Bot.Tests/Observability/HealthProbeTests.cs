using SocialBot.Bot.Observability;

namespace SocialBot.Bot.Tests.Observability;

public sealed class HealthProbeTests
{
    [Theory]
    [InlineData(null, null, 8080)]
    [InlineData("8080", null, 8080)]
    [InlineData("5000;5001", null, 5000)]
    [InlineData("", "http://+:7000", 7000)]
    [InlineData(null, "http://*:7001/;https://*:7443", 7001)]
    [InlineData(null, "http://localhost:7002", 7002)]
    [InlineData("not-a-port", "https://+:7443", 8080)]
    [InlineData("99999", null, 8080)]
    public void ListeningPort_EnvironmentValues_FirstUsableHttpPort(string? httpPorts, string? urls, int expected) =>
        Assert.Equal(expected, HealthProbe.ListeningPort(httpPorts, urls));

    [Theory]
    [InlineData(new[] { "--healthcheck" }, true)]
    [InlineData(new[] { "--healthcheck", "/readyz" }, true)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5000" }, false)]
    [InlineData(new string[0], false)]
    public void IsRequested_Arguments_OnlyWhenFirst(string[] args, bool expected) =>
        Assert.Equal(expected, HealthProbe.IsRequested(args));
}
