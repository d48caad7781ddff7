using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.AppPackage;

public sealed class AppPackageTests
{
    private const string PlaceholderId = "00000000-0000-0000-0000-000000000000";

    // The commands of docs/PRODUCT.md as the user types them. Every manifest command title must be one of these;
    // the bot's router is checked against this list separately.
    private static readonly HashSet<string> KnownCommands = new(StringComparer.Ordinal)
    {
        "help", "new post", "draft", "post", "my drafts", "pending", "history", "trends", "mentions",
        "track", "untrack", "tracking", "track feed", "digest", "digest here at", "digest off", "digest now",
        "approvals here", "approvers", "approvers add", "approvers remove", "settings", "cancel",
    };

    private static string PackageDir => Path.Combine(RepositoryLayout.RepoRoot, "infra", "appPackage");

    private static string ManifestJson => File.ReadAllText(Path.Combine(PackageDir, "manifest.json"));

    private static JsonNode Manifest => JsonNode.Parse(ManifestJson)!;

    [Fact]
    public void Manifest_ValidatesAgainstOfficialSchema()
    {
        var result = ManifestSchemaValidator.Validate("infra/appPackage/manifest.json", ManifestJson);

        result.AssertValid();
        Assert.Single(result.Passed);
    }

    [Fact]
    public void Validate_BrokenManifest_ReportsEachProblem()
    {
        var broken = Manifest.AsObject();
        broken.Remove("developer");
        broken["name"]!["short"] = new string('x', 31);
        broken["accentColor"] = "indigo";

        var result = ManifestSchemaValidator.Validate("broken", broken.ToJsonString());

        var failure = Assert.Single(result.Failures);
        Assert.Contains("/: missing required property \"developer\"", failure.Errors);
        Assert.Contains(failure.Errors, e => e.StartsWith("/name/short:", StringComparison.Ordinal));
        Assert.Contains(failure.Errors, e => e.StartsWith("/accentColor:", StringComparison.Ordinal));
    }

    [Fact]
    public void Manifest_TargetsSchema129WithPlaceholderIds()
    {
        var manifest = Manifest;

        Assert.Equal("1.29", (string?)manifest["manifestVersion"]);
        Assert.Equal("https://developer.microsoft.com/en-us/json-schemas/teams/v1.29/MicrosoftTeams.schema.json", (string?)manifest["$schema"]);
        Assert.Equal(PlaceholderId, (string?)manifest["id"]);
        Assert.Equal(PlaceholderId, (string?)manifest["bots"]![0]!["botId"]);
        Assert.Equal(PlaceholderId, (string?)manifest["composeExtensions"]![0]!["botId"]);
        Assert.Equal(["personal", "team", "groupChat"], manifest["bots"]![0]!["scopes"]!.AsArray().Select(s => (string?)s));
        Assert.Equal(["identity", "messageTeamMembers"], manifest["permissions"]!.AsArray().Select(s => (string?)s));
    }

    [Fact]
    public void CommandLists_UseOnlyKnownCommandsWithinConservativeLimits()
    {
        var lists = Manifest["bots"]![0]!["commandLists"]!.AsArray();

        Assert.NotEmpty(lists);
        foreach (var list in lists)
        {
            var commands = list!["commands"]!.AsArray();
            var titles = commands.Select(c => (string)c!["title"]!).ToArray();
            Assert.InRange(commands.Count, 1, 10);
            Assert.Equal(titles.Length, titles.Distinct(StringComparer.Ordinal).Count());
            foreach (var command in commands)
            {
                var title = (string)command!["title"]!;
                var description = (string)command["description"]!;
                Assert.True(KnownCommands.Contains(title), $"Manifest command \"{title}\" is not a SocialBot command.");
                Assert.InRange(title.Length, 1, 32);
                Assert.InRange(description.Length, 1, 128);
            }
        }
    }

    [Fact]
    public void CommandLists_CoverPersonalTeamAndGroupChat()
    {
        var scopes = Manifest["bots"]![0]!["commandLists"]!.AsArray().SelectMany(l => l!["scopes"]!.AsArray().Select(s => (string)s!)).ToArray();

        Assert.Equal(["groupChat", "personal", "team"], scopes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void MessageAction_SuggestSocialPost_FetchesATaskOnMessages()
    {
        var command = Assert.Single(Manifest["composeExtensions"]![0]!["commands"]!.AsArray())!;

        Assert.Equal("suggestSocialPost", (string?)command["id"]);
        Assert.Equal("Suggest as social post", (string?)command["title"]);
        Assert.Equal("action", (string?)command["type"]);
        Assert.Equal(["message"], command["context"]!.AsArray().Select(c => (string?)c));
        Assert.True((bool)command["fetchTask"]!);
    }

    [Fact]
    public void ColorIcon_Is192OpaqueFullColor()
    {
        var icon = PngImage.Read(File.ReadAllBytes(Path.Combine(PackageDir, (string)Manifest["icons"]!["color"]!)));

        Assert.Equal((192, 192), (icon.Width, icon.Height));
        var pixels = Enumerable.Range(0, 192 * 192).Select(i => icon[i % 192, i / 192]).ToArray();
        Assert.All(pixels, p => Assert.Equal(255, p.A));
        Assert.Contains(pixels, p => p.R != p.G || p.G != p.B);
    }

    [Fact]
    public void OutlineIcon_Is32TransparentWithWhiteOutline()
    {
        var icon = PngImage.Read(File.ReadAllBytes(Path.Combine(PackageDir, (string)Manifest["icons"]!["outline"]!)));

        Assert.Equal((32, 32), (icon.Width, icon.Height));
        Assert.True(icon.HasAlpha);
        var pixels = Enumerable.Range(0, 32 * 32).Select(i => icon[i % 32, i / 32]).ToArray();
        Assert.Equal(0, icon[0, 0].A);
        Assert.Contains(pixels, p => p.A == 0);
        Assert.Contains(pixels, p => p.A == 255);
        Assert.All(pixels.Where(p => p.A > 0), p => Assert.Equal((255, 255, 255), (p.R, p.G, p.B)));
    }

    [Fact]
    public async Task BuildScript_WritesZipWithIdsFilledIn()
    {
        const string BotId = "8f1c1a62-3b9d-4e2f-9d61-2b7f0c5e4a10";
        var output = Directory.CreateTempSubdirectory("socialbot-apppackage-");
        try
        {
            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(PackageDir, "build.sh"));
            start.ArgumentList.Add(BotId);
            start.Environment["APP_PACKAGE_OUT"] = output.FullName;
            start.Environment.Remove("TEAMS_APP_ID");
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"build.sh failed: {stdout}{await stderr}");

            using var zip = ZipFile.OpenRead(Path.Combine(output.FullName, "SocialBot.zip"));
            Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
            using var reader = new StreamReader(await zip.GetEntry("manifest.json")!.OpenAsync());
            var packaged = await reader.ReadToEndAsync();
            var manifest = JsonNode.Parse(packaged)!;
            Assert.Equal(BotId, (string?)manifest["id"]);
            Assert.Equal(BotId, (string?)manifest["bots"]![0]!["botId"]);
            Assert.Equal(BotId, (string?)manifest["composeExtensions"]![0]!["botId"]);
            Assert.DoesNotContain(PlaceholderId, packaged, StringComparison.Ordinal);
            ManifestSchemaValidator.Validate("SocialBot.zip/manifest.json", packaged).AssertValid();
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }
}
