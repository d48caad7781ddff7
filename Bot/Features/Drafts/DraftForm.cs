using System.Globalization;
using System.Text.Json;
using SocialBot.Bot.Features.Drafts.Rules;
using SocialBot.Cards.Drafts;

namespace SocialBot.Bot.Features.Drafts;

/// <summary>What came back from the draft form: the fields as typed, and the content when every field is usable.</summary>
internal sealed record DraftFormInput(DraftFormFields Fields, DraftContent? Content, IReadOnlyDictionary<string, string> FieldErrors, string? DraftId, int? ContentVersion);

/// <summary>Reads the draft form's inputs (merged into the action data by Teams) into a draft, field by field.</summary>
internal static class DraftForm
{
    public const string DraftIdField = "draftId";
    public const string VersionField = "version";
    public const string SourceUrlField = "sourceUrl";
    public const string ReplyToUrlField = "replyToUrl";

    public static DraftFormInput Read(JsonElement data, TimeZoneInfo zone)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Get(string name) => data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        string? Trimmed(string name) => Get(name)?.Trim() is { Length: > 0 } value ? value : null;

        var text = (Get(DraftFormCard.TextId) ?? string.Empty).Trim();
        if (text.Length == 0)
        {
            errors[DraftFormCard.TextId] = "Write the text of the post.";
        }
        else if (text.Length > DraftFormCard.MaxTextLength)
        {
            errors[DraftFormCard.TextId] = $"The text is {text.Length:N0} characters; the longest any network takes is {DraftFormCard.MaxTextLength:N0}.";
        }

        var networks = new List<SocialNetwork>();
        var unknown = new List<string>();
        foreach (var name in (Get(DraftFormCard.NetworksId) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (SocialNetworkNames.TryParseWireName(name, out var network))
            {
                if (!networks.Contains(network))
                {
                    networks.Add(network);
                }
            }
            else
            {
                unknown.Add(name);
            }
        }

        if (unknown.Count > 0)
        {
            errors[DraftFormCard.NetworksId] = $"I don't know the network “{unknown[0]}”.";
        }
        else if (networks.Count == 0)
        {
            errors[DraftFormCard.NetworksId] = "Pick at least one network.";
        }

        var link = Trimmed(DraftFormCard.LinkId);
        if (link is not null && !IsWebUrl(link))
        {
            errors[DraftFormCard.LinkId] = "The link should be a full web address starting with https://";
        }

        var images = new List<(string? Url, string? AltText)>();
        foreach (var (urlId, altId) in new[] { (DraftFormCard.Image1Id, DraftFormCard.Alt1Id), (DraftFormCard.Image2Id, DraftFormCard.Alt2Id) })
        {
            var url = Trimmed(urlId);
            var alt = Trimmed(altId);
            images.Add((url, alt));
            if (url is null && alt is not null)
            {
                errors[urlId] = "Add the image URL for this alt text, or clear the alt text.";
            }
            else if (url is not null && !IsWebUrl(url))
            {
                errors[urlId] = "The image URL should be a full web address starting with https://";
            }
        }

        DateOnly? date = DateOnly.TryParseExact(Trimmed(DraftFormCard.DateId), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        TimeOnly? time = TimeOnly.TryParseExact(Trimmed(DraftFormCard.TimeId), ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;
        if (Trimmed(DraftFormCard.DateId) is not null && date is null)
        {
            errors[DraftFormCard.DateId] = "Pick the publish date from the calendar.";
        }
        else if (date is null && time is not null)
        {
            errors[DraftFormCard.DateId] = "Add a publish date for that time, or clear the time.";
        }

        DateTimeOffset? publishAt = null;
        if (date is { } day)
        {
            var local = day.ToDateTime(time ?? new TimeOnly(9, 0));
            publishAt = zone.IsInvalidTime(local)
                ? null
                : new DateTimeOffset(local, zone.GetUtcOffset(local));
            if (publishAt is null)
            {
                errors[DraftFormCard.DateId] = $"{local:HH:mm} does not exist on {day:d MMM} in {zone.Id} (the clocks go forward). Pick another time.";
            }
        }

        var fields = new DraftFormFields
        {
            Text = Get(DraftFormCard.TextId) ?? string.Empty,
            Networks = [.. networks.Select(n => n.WireName())],
            Link = link,
            Images = images,
            PublishDate = date,
            PublishTime = time,
            Campaign = Trimmed(DraftFormCard.CampaignId),
            Notes = Trimmed(DraftFormCard.NotesId),
            Urgent = IsOn(Get(DraftFormCard.UrgentId)),
            Sponsored = IsOn(Get(DraftFormCard.SponsoredId)),
        };
        var content = errors.Count > 0
            ? null
            : new DraftContent
            {
                Text = text,
                Networks = networks,
                Link = link,
                Images = [.. images.Where(i => i.Url is not null).Select(i => new PostImage(i.Url!, i.AltText))],
                PublishAt = publishAt,
                TimeZone = publishAt is null ? null : zone.Id,
                Campaign = fields.Campaign,
                NotesToReviewer = fields.Notes,
                Urgent = fields.Urgent,
                Sponsored = fields.Sponsored,
            };
        var version = int.TryParse(Get(VersionField), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : (int?)null;
        var draftId = DraftId.TryParse(Get(DraftIdField), out var id) ? id : null;
        return new DraftFormInput(fields, content, errors, draftId, version);
    }

    /// <summary>The form fields for stored content, shown in <paramref name="zone"/>.</summary>
    public static DraftFormFields FieldsOf(DraftContent content, TimeZoneInfo zone)
    {
        var local = content.PublishAt is { } at ? TimeZoneInfo.ConvertTime(at, zone) : (DateTimeOffset?)null;
        return new DraftFormFields
        {
            Text = content.Text,
            Networks = [.. content.Networks.Select(n => n.WireName())],
            Link = content.Link,
            Images = [.. content.Images.Select(i => ((string?)i.Url, i.AltText))],
            PublishDate = local is { } l ? DateOnly.FromDateTime(l.DateTime) : null,
            PublishTime = local is { } lt ? TimeOnly.FromDateTime(lt.DateTime) : null,
            Campaign = content.Campaign,
            Notes = content.NotesToReviewer,
            Urgent = content.Urgent,
            Sponsored = content.Sponsored,
        };
    }

    private static bool IsOn(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    private static bool IsWebUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Contains('.', StringComparison.Ordinal);
}
