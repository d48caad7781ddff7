using System.ComponentModel.DataAnnotations;

namespace SocialBot.Bot.LanguageModel;

/// <summary>The optional OpenAI-compatible model (<c>AI:*</c>). Without an endpoint and a model, nothing uses a model.</summary>
internal sealed class LanguageModelOptions : IValidatableObject
{
    public const string Section = "AI";

    public string? Endpoint { get; set; }

    public string? ApiKey { get; set; }

    public string? Model { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint) && !string.IsNullOrWhiteSpace(Model);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Endpoint) != string.IsNullOrWhiteSpace(Model))
        {
            yield return new ValidationResult("Set both AI:Endpoint and AI:Model to use a language model, or neither.", [nameof(Endpoint), nameof(Model)]);
        }

        if (!string.IsNullOrWhiteSpace(Endpoint)
            && !(Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            yield return new ValidationResult("AI:Endpoint must be an absolute http(s) URL, e.g. https://my-resource.openai.azure.com/openai/v1/.", [nameof(Endpoint)]);
        }
    }
}
