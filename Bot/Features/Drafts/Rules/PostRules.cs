using System.Buffers;
using System.Globalization;
using System.Text;

namespace SocialBot.Bot.Features.Drafts.Rules;

/// <summary>
/// Checks a post against every selected network's rules and the team's content rules. Pure: no I/O and no clock,
/// so the draft form can run it on every Check. Errors block submission; warnings don't.
/// </summary>
internal static class PostRules
{
    private const string LinkedInReservedCharacters = "()[]{}<>@|~_\\*";
    private const int AllCapsMinimumLetters = 8;

    private static readonly SearchValues<char> LinkedInReserved = SearchValues.Create(LinkedInReservedCharacters);

    public static PostRulesReport Check(PostContent content, PostRulesSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(settings);

        var text = content.Text ?? string.Empty;
        var scan = PostTextScan.Scan(text);
        var networks = SelectedNetworks(content.Networks);
        var imageCount = 0;
        var imagesWithoutAlt = 0;
        foreach (var image in content.Images)
        {
            if (!string.IsNullOrWhiteSpace(image.Url))
            {
                imageCount++;
                imagesWithoutAlt += image.HasAltText ? 0 : 1;
            }
        }

        var findings = new List<RuleFinding>();
        if (string.IsNullOrWhiteSpace(text))
        {
            findings.Add(Error(null, PostRuleCodes.TextEmpty, "Write some text for the post."));
        }

        if (networks.Count == 0)
        {
            findings.Add(Error(null, PostRuleCodes.NetworksNone, "Pick at least one network."));
        }

        var counts = new List<NetworkCount>(networks.Count);
        foreach (var network in networks)
        {
            var count = new NetworkCount(network, PostLengthCounter.Count(network, scan), PostLengthCounter.Limit(network, settings));
            counts.Add(count);
            if (count.IsOver)
            {
                findings.Add(Error(network, PostRuleCodes.TooLong(network),
                    Format($"{network.DisplayName()} allows {count.Limit:N0} characters; this is {count.Over:N0} over.")));
            }

            AddNetworkFindings(findings, network, scan, imageCount, content, settings);
        }

        AddContentWarnings(findings, content, settings, scan, imageCount, imagesWithoutAlt, now);

        // Errors first, each group in the order found.
        var ordered = new List<RuleFinding>(findings.Count);
        ordered.AddRange(findings.Where(static f => f.Severity == RuleSeverity.Error));
        ordered.AddRange(findings.Where(static f => f.Severity == RuleSeverity.Warning));
        return new PostRulesReport(counts, ordered);
    }

    private static List<SocialNetwork> SelectedNetworks(IReadOnlyList<SocialNetwork>? selected)
    {
        var result = new List<SocialNetwork>(SocialNetworkNames.All.Count);
        if (selected is null)
        {
            return result;
        }

        // Form order, whatever order (and duplicates) the submitted choice set has.
        foreach (var network in SocialNetworkNames.All)
        {
            if (selected.Contains(network))
            {
                result.Add(network);
            }
        }

        return result;
    }

    private static void AddNetworkFindings(
        List<RuleFinding> findings, SocialNetwork network, PostTextScan scan, int imageCount, PostContent content, PostRulesSettings settings)
    {
        switch (network)
        {
            case SocialNetwork.X:
                AddHashtagWarning(findings, network, PostRuleCodes.XManyHashtags, scan.HashtagCount, settings.HashtagWarningThreshold);
                break;

            case SocialNetwork.LinkedIn:
                AddHashtagWarning(findings, network, PostRuleCodes.LinkedInManyHashtags, scan.HashtagCount, settings.HashtagWarningThreshold);
                var reserved = ReservedCharactersIn(scan.Text);
                if (reserved is not null)
                {
                    findings.Add(Warning(network, PostRuleCodes.LinkedInReservedCharacters,
                        $"LinkedIn escapes {reserved} when the post is published, so they show as plain text."));
                }

                break;

            case SocialNetwork.Instagram:
                if (imageCount == 0)
                {
                    findings.Add(Error(network, PostRuleCodes.InstagramNeedsImage, "Instagram needs at least one image."));
                }

                var cap = Math.Clamp(settings.InstagramHashtagCap, 0, PostRulesSettings.InstagramHashtagHardLimit);
                if (scan.HashtagCount > cap)
                {
                    var who = cap == PostRulesSettings.InstagramHashtagHardLimit ? "Instagram allows" : "Your team allows";
                    findings.Add(Error(network, PostRuleCodes.InstagramTooManyHashtags,
                        Format($"{who} up to {cap} hashtags on Instagram; this has {scan.HashtagCount}.")));
                }

                if (scan.UrlCount > 0 || !string.IsNullOrWhiteSpace(content.Link))
                {
                    findings.Add(Warning(network, PostRuleCodes.InstagramLinksNotClickable,
                        "Links aren't clickable in Instagram captions; point people to the link in bio instead."));
                }

                break;

            case SocialNetwork.Threads:
                AddThreadsTagWarning(findings, scan);
                break;

            case SocialNetwork.Bluesky:
                var bytes = PostLengthCounter.CountUtf8Bytes(scan.Text);
                if (bytes > PostLengthCounter.BlueskyByteLimit)
                {
                    findings.Add(Error(network, PostRuleCodes.BlueskyTooManyBytes,
                        Format($"Bluesky caps text at {PostLengthCounter.BlueskyByteLimit:N0} bytes and emoji use several each; this is {bytes - PostLengthCounter.BlueskyByteLimit:N0} bytes over.")));
                }

                if (imageCount > 4)
                {
                    findings.Add(Error(network, PostRuleCodes.BlueskyTooManyImages,
                        Format($"Bluesky allows up to 4 images; this has {imageCount}.")));
                }

                break;
        }
    }

    private static void AddHashtagWarning(List<RuleFinding> findings, SocialNetwork network, string code, int hashtags, int threshold)
    {
        if (hashtags > threshold)
        {
            findings.Add(Warning(network, code,
                Format($"{network.DisplayName()} posts do best with {threshold} hashtags or fewer; this has {hashtags}.")));
        }
    }

    private static void AddThreadsTagWarning(List<RuleFinding> findings, PostTextScan scan)
    {
        if (scan.HashtagCount < 2)
        {
            return;
        }

        string? first = null;
        var distinct = new List<string>(scan.HashtagCount);
        foreach (var token in scan.Tokens)
        {
            if (token.Kind == PostTokenKind.Hashtag)
            {
                var tag = scan.Text.Substring(token.Start, token.Length);
                first ??= tag;
                if (!distinct.Contains(tag, StringComparer.OrdinalIgnoreCase))
                {
                    distinct.Add(tag);
                }
            }
        }

        if (distinct.Count > 1)
        {
            var others = distinct.Count - 1;
            var rest = others == 1 ? "the other tag stays" : Format($"the other {others} stay");
            findings.Add(Warning(SocialNetwork.Threads, PostRuleCodes.ThreadsTooManyTags,
                $"Threads uses one topic tag: {first} becomes the topic and {rest} plain text."));
        }
    }

    private static void AddContentWarnings(
        List<RuleFinding> findings, PostContent content, PostRulesSettings settings, PostTextScan scan, int imageCount, int imagesWithoutAlt, DateTimeOffset now)
    {
        if (imagesWithoutAlt > 0)
        {
            var message = imageCount == 1
                ? "The image has no alt text; add a short description for people using screen readers."
                : Format($"{imagesWithoutAlt} of {imageCount} images {(imagesWithoutAlt == 1 ? "has" : "have")} no alt text; add a short description for people using screen readers.");
            findings.Add(Warning(null, PostRuleCodes.ImageNoAltText, message));
        }

        var banned = BannedWordMatcher.FindIn(scan.Text, settings.BannedWords);
        if (banned.Count > 0)
        {
            var quoted = string.Join(", ", banned.Select(static w => $"“{w}”"));
            findings.Add(Warning(null, PostRuleCodes.BannedWord, banned.Count == 1
                ? $"{quoted} is on your team's banned-words list."
                : $"{quoted} are on your team's banned-words list."));
        }

        if (content.Sponsored && !HasDisclosureTag(scan))
        {
            findings.Add(Warning(null, PostRuleCodes.SponsoredNoDisclosure,
                "Sponsored posts need a disclosure tag: add #ad or #sponsored."));
        }

        if (IsAllCaps(scan))
        {
            findings.Add(Warning(null, PostRuleCodes.AllCaps,
                "The text is in all caps, which reads as shouting; try sentence case."));
        }

        if (content.PublishAt is { } publishAt && publishAt < now)
        {
            findings.Add(Warning(null, PostRuleCodes.PublishInPast,
                "The publish time is in the past; pick a later time or clear it."));
        }
    }

    private static bool HasDisclosureTag(PostTextScan scan)
    {
        foreach (var token in scan.Tokens)
        {
            if (token.Kind != PostTokenKind.Hashtag)
            {
                continue;
            }

            var tag = scan.TagOf(token);
            if (tag.Equals("ad", StringComparison.OrdinalIgnoreCase) || tag.Equals("sponsored", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    // Shouting: at least 8 cased letters outside links, hashtags and mentions, and at least 90% of them upper case
    // (a stray "iPhone" or "x" should not hide a shouted post).
    private static bool IsAllCaps(PostTextScan scan)
    {
        var upper = 0;
        var lower = 0;
        var text = scan.Text.AsSpan();
        var position = 0;
        foreach (var token in scan.Tokens)
        {
            CountCase(text[position..token.Start], ref upper, ref lower);
            position = token.End;
        }

        CountCase(text[position..], ref upper, ref lower);
        var cased = upper + lower;
        return cased >= AllCapsMinimumLetters && upper * 10 >= cased * 9;
    }

    private static void CountCase(ReadOnlySpan<char> text, ref int upper, ref int lower)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsUpper(rune))
            {
                upper++;
            }
            else if (Rune.IsLower(rune))
            {
                lower++;
            }
        }
    }

    private static string? ReservedCharactersIn(string text)
    {
        if (text.AsSpan().IndexOfAny(LinkedInReserved) < 0)
        {
            return null;
        }

        var present = new StringBuilder();
        foreach (var c in LinkedInReservedCharacters)
        {
            if (text.Contains(c, StringComparison.Ordinal))
            {
                present.Append(present.Length == 0 ? string.Empty : " ").Append(c);
            }
        }

        return present.ToString();
    }

    private static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);

    private static RuleFinding Error(SocialNetwork? network, string code, string message) =>
        new(RuleSeverity.Error, network, code, message);

    private static RuleFinding Warning(SocialNetwork? network, string code, string message) =>
        new(RuleSeverity.Warning, network, code, message);
}
