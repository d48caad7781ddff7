using System.ComponentModel.DataAnnotations;

namespace SocialBot.Bot.Features.Approvals;

/// <summary><c>Approvals:*</c>: the policy a tenant starts with, and the outbound webhook.</summary>
internal sealed class ApprovalsOptions
{
    public const string Section = "Approvals";

    /// <summary>Entra object ids of the first stage's approvers.</summary>
    public List<string> Approvers { get; set; } = [];

    [RegularExpression("^(?i)(any|all)$", ErrorMessage = "Approvals:Mode must be 'any' or 'all'.")]
    public string Mode { get; set; } = "any";

    [Range(0.05, 24 * 30, ErrorMessage = "Approvals:SlaHours must be between 0.05 and 720.")]
    public double SlaHours { get; set; } = 4;

    [Range(1, 24 * 60, ErrorMessage = "Approvals:UrgentSlaMinutes must be between 1 and 1440.")]
    public double UrgentSlaMinutes { get; set; } = 30;

    [Url(ErrorMessage = "Approvals:WebhookUrl must be an absolute http(s) URL.")]
    public string? WebhookUrl { get; set; }

    /// <summary>From <c>SocialBot:Admins</c>.</summary>
    public List<string> Admins { get; set; } = [];

    public ApprovalMode ParsedMode => string.Equals(Mode, "all", StringComparison.OrdinalIgnoreCase) ? ApprovalMode.All : ApprovalMode.Any;
}
