using System.Collections;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace SocialBot.Bot.Observability;

/// <summary>
/// <c>dotnet SocialBot.Bot.dll --check-config</c>: builds the host without starting it, runs every start-up validation
/// (messages name the key), prints the effective settings of every SocialBot options class with secrets shown only as
/// "(set)"/"(not set)", and exits 0 when the configuration is valid, 1 otherwise. Nothing is started or contacted.
/// </summary>
internal static class ConfigurationCheck
{
    public const string Argument = "--check-config";

    private static readonly string[] SecretWords = ["Password", "Secret", "ApiKey", "ConnectionString"];

    public static bool IsRequested(string[] args) => args.Contains(Argument, StringComparer.Ordinal);

    public static int Run(IServiceCollection registrations, IServiceProvider services, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);

        var environment = services.GetRequiredService<IHostEnvironment>();
        output.WriteLine($"SocialBot configuration ({environment.EnvironmentName})");
        var problems = new List<string>();
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
        }
        catch (OptionsValidationException exception)
        {
            problems.AddRange(exception.Failures);
        }

        foreach (var type in OptionsTypes(registrations))
        {
            output.WriteLine($"[{type.Name}]");
            try
            {
                var options = services.GetRequiredService(typeof(IOptions<>).MakeGenericType(type));
                var value = options.GetType().GetProperty(nameof(IOptions<object>.Value))!.GetValue(options);
                foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0).OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    output.WriteLine($"  {property.Name} = {Describe(property.Name, property.GetValue(value))}");
                }
            }
            catch (TargetInvocationException exception) when (exception.InnerException is OptionsValidationException invalid)
            {
                output.WriteLine("  (invalid)");
                problems.AddRange(invalid.Failures.Where(f => !problems.Contains(f)));
            }
            catch (OptionsValidationException invalid)
            {
                output.WriteLine("  (invalid)");
                problems.AddRange(invalid.Failures.Where(f => !problems.Contains(f)));
            }
        }

        var configuration = services.GetRequiredService<IConfiguration>();
        output.WriteLine($"[Telemetry]{Environment.NewLine}  {ObservabilityServiceCollectionExtensions.OtlpEndpointVariable} = {configuration[ObservabilityServiceCollectionExtensions.OtlpEndpointVariable] ?? "(not set: no OTLP export)"}");

        if (problems.Count == 0)
        {
            output.WriteLine("Configuration is valid.");
            return 0;
        }

        output.WriteLine("Configuration is NOT valid:");
        foreach (var problem in problems.Distinct(StringComparer.Ordinal))
        {
            output.WriteLine("  - " + problem);
        }

        return 1;
    }

    private static IEnumerable<Type> OptionsTypes(IServiceCollection registrations) =>
        registrations
            .Select(d => d.ServiceType)
            .Where(t => t.IsGenericType && (t.GetGenericTypeDefinition() == typeof(IConfigureOptions<>) || t.GetGenericTypeDefinition() == typeof(IValidateOptions<>)))
            .Select(t => t.GetGenericArguments()[0])
            .Where(t => t.Namespace?.StartsWith("SocialBot", StringComparison.Ordinal) == true && t.IsClass)
            .Distinct()
            .OrderBy(t => t.Name, StringComparer.Ordinal);

    private static string Describe(string name, object? value)
    {
        if (SecretWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase)) || name.EndsWith("Token", StringComparison.OrdinalIgnoreCase))
        {
            return value is null || (value is string text && string.IsNullOrEmpty(text)) ? "(not set)" : "(set)";
        }

        return value switch
        {
            null => "(not set)",
            string text => text.Length == 0 ? "(empty)" : text,
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(item => Describe(name, item))) + "]",
            _ => value.ToString() ?? string.Empty,
        };
    }
}
