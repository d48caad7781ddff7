namespace SocialBot.Bot.Features.Trends;

internal enum TermKind
{
    Hashtag,
    Handle,
    Domain,
    Keyword,
    Phrase,
}

/// <summary>
/// One term of a mention. <paramref name="Key"/> is the normalized form that is counted (lower case, accents folded,
/// English plurals folded; hashtags keep their <c>#</c> and handles their <c>@</c> so kinds never collide);
/// <paramref name="Display"/> is the form as first written in the text.
/// </summary>
internal sealed record Term(TermKind Kind, string Key, string Display)
{
    /// <summary>
    /// The kind encoded in a key: <c>#</c> hashtag, <c>@</c> handle, a dot a domain, a space a phrase, else a keyword.
    /// Keywords never contain dots or spaces, so a stored key alone is enough.
    /// </summary>
    public static TermKind KindOf(string key) => key switch
    {
        ['#', ..] => TermKind.Hashtag,
        ['@', ..] => TermKind.Handle,
        _ when key.Contains(' ', StringComparison.Ordinal) => TermKind.Phrase,
        _ when key.Contains('.', StringComparison.Ordinal) => TermKind.Domain,
        _ => TermKind.Keyword,
    };
}
