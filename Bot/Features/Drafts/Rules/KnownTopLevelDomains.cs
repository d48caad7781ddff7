using System.Collections.Frozen;

namespace SocialBot.Bot.Features.Drafts.Rules;

/// <summary>
/// Compact list of top-level domains recognised in links written without a scheme (<c>example.com/path</c>).
/// Deliberately not the full IANA list: TLDs that read like file extensions or abbreviations
/// (<c>md</c>, <c>sh</c>, <c>py</c>, <c>rs</c>, <c>zip</c>, <c>mov</c>, <c>txt</c>-likes) are left out so that
/// <c>README.md</c> or <c>notes.zip</c> stay text. Links with <c>http://</c> or <c>https://</c> need no TLD check.
/// </summary>
internal static class KnownTopLevelDomains
{
    private static readonly FrozenSet<string> Generic = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "name", "pro", "mobi",
        "app", "dev", "blog", "shop", "store", "online", "site", "tech", "cloud", "news", "media",
        "agency", "xyz", "club", "live", "world", "life", "email", "design", "digital", "social",
        "network", "company", "solutions", "services", "group", "studio", "page", "link", "top", "global");

    private static readonly FrozenSet<string> Country = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "ac", "ae", "ai", "ar", "at", "au", "be", "bg", "br", "ca", "cc", "ch", "cl", "cn", "co", "cz",
        "de", "dk", "ee", "es", "eu", "fi", "fm", "fr", "gg", "gr", "hk", "hr", "hu", "id", "ie", "il",
        "in", "io", "is", "it", "jp", "ke", "kr", "li", "lt", "lu", "lv", "ly", "me", "mx", "my", "ng",
        "nl", "no", "nz", "pe", "ph", "pk", "pl", "pt", "ro", "ru", "sa", "se", "sg", "si", "sk", "th",
        "tr", "tv", "tw", "ua", "uk", "us", "vn", "za");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> GenericLookup =
        Generic.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> CountryLookup =
        Country.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool IsGeneric(ReadOnlySpan<char> label) => GenericLookup.Contains(label);

    public static bool IsCountryCode(ReadOnlySpan<char> label) => CountryLookup.Contains(label);
}
