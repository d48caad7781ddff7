using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace SocialBot.Benchmarks;

/// <summary>The Development environment for scenarios that compose the bot's services without a host.</summary>
internal sealed class BenchEnvironment : IHostEnvironment
{
    public string EnvironmentName { get; set; } = Environments.Development;

    public string ApplicationName { get; set; } = "SocialBot.Benchmarks";

    public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}
