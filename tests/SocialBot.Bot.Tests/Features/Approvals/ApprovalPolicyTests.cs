using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SocialBot.Bot.Features.Approvals;
using SocialBot.Bot.Features.Drafts;

namespace SocialBot.Bot.Tests.Features.Approvals;

public sealed class ApprovalPolicyTests
{
    private static ApprovalPolicy Policy(params DraftPerson[] approvers) =>
        new([new ApprovalStage("Approval", approvers, ApprovalMode.Any, TimeSpan.FromHours(4), TimeSpan.FromMinutes(30))], ["admin-oid"], null, false);

    [Fact]
    public void Learn_ConfiguredApproverKnownByEntraIdOnly_GetsChannelIdAndName()
    {
        var learned = Policy(new DraftPerson("ada-oid", null, null)).Learn(new DraftPerson("ada-oid", "29:ada", "Ada"));

        Assert.Equal(new DraftPerson("ada-oid", "29:ada", "Ada"), learned!.Stages[0].Approvers.Single());
    }

    [Fact]
    public void Learn_NothingNew_Null()
    {
        Assert.Null(Policy(new DraftPerson("ada-oid", "29:ada", "Ada")).Learn(new DraftPerson("ada-oid", "29:ada", "Ada")));
        Assert.Null(Policy(new DraftPerson("ada-oid", null, null)).Learn(new DraftPerson("x-oid", "29:x", "X")));
    }

    [Fact]
    public void CanManage_AdminsAndApproversOnly()
    {
        var policy = Policy(new DraftPerson("ada-oid", null, null));

        Assert.True(policy.CanManage(new DraftPerson("admin-oid", "29:admin", "Admin")));
        Assert.True(policy.CanManage(new DraftPerson("ada-oid", "29:ada", "Ada")));
        Assert.False(policy.CanManage(new DraftPerson("x-oid", "29:x", "Ada")));
    }

    private static IServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddApprovals(configuration).BuildServiceProvider();
    }

    [Fact]
    public void AddApprovals_CommaSeparatedLists_BoundIntoDefaultPolicy()
    {
        var options = Services(new() { ["Approvals:Approvers"] = "a-oid, b-oid", ["SocialBot:Admins:0"] = "admin-oid", ["Approvals:Mode"] = "all", ["Approvals:SlaHours"] = "2" })
            .GetRequiredService<IOptions<ApprovalsOptions>>().Value;

        Assert.Equal(["a-oid", "b-oid"], options.Approvers);
        Assert.Equal(["admin-oid"], options.Admins);
        Assert.Equal(ApprovalMode.All, options.ParsedMode);
    }

    [Theory]
    [InlineData("Approvals:Mode", "most")]
    [InlineData("Approvals:SlaHours", "0")]
    [InlineData("Approvals:WebhookUrl", "not a url")]
    public void AddApprovals_InvalidSetting_FailsValidation(string key, string value)
    {
        var services = Services(new() { [key] = value, ["Ingestion:Secret"] = "0123456789abcdef0123" });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ApprovalsOptions>>().Value);
    }

    [Fact]
    public void AddApprovals_WebhookWithoutSecret_FailsValidation()
    {
        var services = Services(new() { ["Approvals:WebhookUrl"] = "https://example.com/hook" });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ApprovalsOptions>>().Value);
    }
}
