using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;

namespace SocialBot.Bot.LanguageModel;

internal static class LanguageModelServiceCollectionExtensions
{
    /// <summary>
    /// Registers an <see cref="IChatClient"/> for the OpenAI-compatible endpoint in <c>AI:*</c>, and nothing when it is
    /// not configured: features ask for the client optionally and fall back to their own rules.
    /// </summary>
    public static IServiceCollection AddLanguageModel(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(LanguageModelOptions.Section);
        services.AddOptions<LanguageModelOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        var options = section.Get<LanguageModelOptions>() ?? new LanguageModelOptions();
        if (!options.IsConfigured || !Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint))
        {
            return services;
        }

        services.AddSingleton<IChatClient>(_ =>
        {
            // Local OpenAI-compatible servers often need no key; the client still wants a non-empty credential.
            var credential = new ApiKeyCredential(string.IsNullOrWhiteSpace(options.ApiKey) ? "no-key" : options.ApiKey);
            var client = new OpenAIClient(credential, new OpenAIClientOptions { Endpoint = endpoint, NetworkTimeout = TimeSpan.FromSeconds(10) });
            return client.GetChatClient(options.Model).AsIChatClient();
        });
        return services;
    }
}
