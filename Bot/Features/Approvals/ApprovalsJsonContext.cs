using System.Text.Json;
using System.Text.Json.Serialization;

namespace SocialBot.Bot.Features.Approvals;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ApprovalPolicy))]
[JsonSerializable(typeof(ApprovalRequest))]
[JsonSerializable(typeof(ApprovalWebhookPayload))]
[JsonSerializable(typeof(ApprovalFollowUp))]
[JsonSerializable(typeof(ApprovalPolicyAudit))]
internal sealed partial class ApprovalsJsonContext : JsonSerializerContext;
