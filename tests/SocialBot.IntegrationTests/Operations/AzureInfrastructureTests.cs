using System.Text.Json;
using System.Text.RegularExpressions;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Operations;

/// <summary>
/// No Bicep CLI here, so infra/azure is checked as text: the parameters file is valid and matches the template's
/// parameters, and every configuration key the product defines (PRODUCT.md "Configuration") is wired as a container
/// environment variable; every section the app binds is wired or listed as a documented default in the README.
/// </summary>
public sealed partial class AzureInfrastructureTests
{
    /// <summary>The configuration table of the product contract (PRODUCT.md), in environment-variable form.</summary>
    public static readonly TheoryData<string> ProductKeys =
    [
        "MicrosoftAppType", "MicrosoftAppId", "MicrosoftAppPassword", "MicrosoftAppTenantId",
        "ToBotFromChannelOpenIdMetadataUrl", "ToBotFromChannelTokenIssuer", "ToChannelFromBotLoginUrl", "ToChannelFromBotOAuthScope", "ValidateAuthority",
        "BotFramework__AllowedTenants", "BotFramework__AllowUnauthenticated",
        "ConnectionStrings__Redis",
        "Ingestion__Secret",
        "SocialBot__Admins",
        "Approvals__Approvers", "Approvals__Mode", "Approvals__SlaHours", "Approvals__UrgentSlaMinutes", "Approvals__WebhookUrl",
        "Digest__DefaultTimeZone", "Digest__SkipWhenEmpty",
        "AI__Endpoint", "AI__ApiKey", "AI__Model",
    ];

    private static readonly string Bicep = File.ReadAllText(RepositoryRoot.Combine("infra", "azure", "main.bicep"));

    [Theory]
    [MemberData(nameof(ProductKeys))]
    public void AppSettings_ProductKey_IsWired(string key) =>
        Assert.Matches(new Regex(@"\{ name: '" + Regex.Escape(key) + "', (value|secretRef): "), Bicep);

    [Theory]
    [InlineData("MicrosoftAppPassword", "microsoft-app-password", "MicrosoftAppPassword")]
    [InlineData("Ingestion__Secret", "ingestion-secret", "IngestionSecret")]
    [InlineData("AI__ApiKey", "ai-api-key", "AiApiKey")]
    [InlineData("ConnectionStrings__Redis", "redis-connection-string", "RedisConnectionString")]
    public void Secrets_ComeFromKeyVaultReferences(string key, string secretName, string vaultSecret)
    {
        Assert.Contains($"{{ name: '{key}', secretRef: '{secretName}' }}", Bicep, StringComparison.Ordinal);
        Assert.Matches(new Regex($@"name: '{secretName}'\s+keyVaultUrl: '\$\{{vault\.properties\.vaultUri\}}secrets/{vaultSecret}'"), Bicep);
    }

    [Fact]
    public void Sections_EveryBoundSectionIsWiredOrDocumentedAsDefault()
    {
        var readme = File.ReadAllText(RepositoryRoot.Combine("infra", "azure", "README.md"));
        var tuning = readme[readme.IndexOf("## Tuning settings left at their defaults", StringComparison.Ordinal)..];
        var sections = Directory.EnumerateFiles(RepositoryRoot.Combine("Bot"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => BoundSection().Matches(File.ReadAllText(file)).Select(m => m.Groups["name"].Value))
            .ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(sections);
        foreach (var section in sections)
        {
            Assert.True(
                Bicep.Contains($"{{ name: '{section}__", StringComparison.Ordinal) || tuning.Contains($"`{section}", StringComparison.Ordinal),
                $"Configuration section '{section}' is bound by the app but neither set in main.bicep nor listed under the README's tuning defaults.");
        }
    }

    [Fact]
    public void Parameters_ValidJsonAndEveryOneDeclaredInTheTemplate()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("infra", "azure", "main.parameters.json")));
        var declared = TemplateParameter().Matches(Bicep).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["default"].Success, StringComparer.Ordinal);
        var given = document.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var name in given)
        {
            Assert.True(declared.ContainsKey(name), $"main.parameters.json sets '{name}', which main.bicep does not declare.");
        }

        // Parameters without a default must be given: in the file, or (secrets) on the command line as the README shows.
        var readme = File.ReadAllText(RepositoryRoot.Combine("infra", "azure", "README.md"));
        foreach (var (name, hasDefault) in declared.Where(p => !p.Value))
        {
            Assert.True(given.Contains(name) || readme.Contains(name + "=", StringComparison.Ordinal), $"Required parameter '{name}' is neither in main.parameters.json nor in the README's deploy command.");
        }
    }

    [Fact]
    public void Template_BotWithTeamsChannelContainerAppWithTwoReplicasRedisKeyVaultAppInsights()
    {
        Assert.Contains("'Microsoft.BotService/botServices@", Bicep, StringComparison.Ordinal);
        Assert.Contains("channelName: 'MsTeamsChannel'", Bicep, StringComparison.Ordinal);
        Assert.Contains("'Microsoft.App/containerApps@", Bicep, StringComparison.Ordinal);
        Assert.Matches(@"@minValue\(2\)\s+param minReplicas int = 2", Bicep);
        Assert.Contains("minReplicas: minReplicas", Bicep, StringComparison.Ordinal);
        Assert.Contains("'Microsoft.Cache/redis@", Bicep, StringComparison.Ordinal);
        Assert.Contains("'Microsoft.KeyVault/vaults@", Bicep, StringComparison.Ordinal);
        Assert.Contains("'Microsoft.Insights/components@", Bicep, StringComparison.Ordinal);
        Assert.Contains("path: '/readyz'", Bicep, StringComparison.Ordinal);
        Assert.Contains("path: '/healthz'", Bicep, StringComparison.Ordinal);
        Assert.Contains("endpoint: 'https://${app.properties.configuration.ingress.fqdn}/api/messages'", Bicep, StringComparison.Ordinal);
    }

    [Fact]
    public void Template_BracesAndBracketsBalance()
    {
        var code = string.Concat(Bicep.Split('\n').Select(CodeOutsideStringsAndComments));
        Assert.Equal(code.Count(c => c == '{'), code.Count(c => c == '}'));
        Assert.Equal(code.Count(c => c == '['), code.Count(c => c == ']'));
        Assert.Equal(code.Count(c => c == '('), code.Count(c => c == ')'));
    }

    // Drops string literals (with \' escapes) and // comments, keeping the structure characters of the line.
    private static string CodeOutsideStringsAndComments(string line)
    {
        var code = new System.Text.StringBuilder();
        var inString = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '\'')
                {
                    inString = false;
                }
            }
            else if (c == '\'')
            {
                inString = true;
            }
            else if (c == '/' && i + 1 < line.Length && line[i + 1] == '/')
            {
                break;
            }
            else
            {
                code.Append(c);
            }
        }

        return code.ToString();
    }

    [GeneratedRegex(@"(?:Section|SectionName) = ""(?<name>[A-Za-z]+)""|GetSection\(""(?<name>[A-Za-z]+)""\)")]
    private static partial Regex BoundSection();

    [GeneratedRegex(@"^param (?<name>\w+) \w+(?<default> =)?", RegexOptions.Multiline)]
    private static partial Regex TemplateParameter();
}
