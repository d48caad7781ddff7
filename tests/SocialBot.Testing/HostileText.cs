namespace SocialBot.Testing;

/// <summary>User text that has broken naive card and JSON builders. Feed it to every card factory in the gallery.</summary>
public static class HostileText
{
    /// <summary>Double and single quotes, backslashes.</summary>
    public const string Quotes = "She said \"ship it\" and 'don't' \\ \\\" \\u0022";

    /// <summary>JSON and template syntax.</summary>
    public const string Braces = "{\"type\":\"TextBlock\"} }] ${user.name} ${{TEAMS_APP_ID}} {{DATE(2025-01-01T00:00:00Z)}}";

    /// <summary>Script and HTML injection.</summary>
    public const string Script = "</script><script>alert('x')</script><at>Admin</at> &amp; <b>bold</b>";

    /// <summary>Emoji with skin tones, ZWJ sequences and flags.</summary>
    public const string Emoji = "🚀 👍🏽 👩‍👩‍👧‍👦 🏳️‍🌈 🧑🏿‍💻 🇩🇪🇯🇵🇺🇦 ❤️‍🔥";

    /// <summary>Right-to-left text (Arabic, Hebrew) mixed with left-to-right and a directional override.</summary>
    public const string RightToLeft = "مرحبا بالعالم — שלום עולם — SocialBot 2.0 \u202Eevil\u202C";

    /// <summary>Markdown that would render as a list, bold, a link and a heading.</summary>
    public const string Markdown = "- **not bold** _not italic_ [not a link](https://example.com)\n# not a heading\n1. not a list\n> not a quote `code`";

    /// <summary>Control characters and a lone surrogate-free mix of whitespace.</summary>
    public const string Controls = "tab\tnewline\ncarriage\rnull\0bell\u0007 nbsp\u00A0zwsp\u200B";

    /// <summary>5,000 characters.</summary>
    public static string Long { get; } = string.Concat(Enumerable.Repeat("Long text ✓ ", 500))[..5000];

    /// <summary>All of the above, each once.</summary>
    public static IReadOnlyList<string> All { get; } = [Quotes, Braces, Script, Emoji, RightToLeft, Markdown, Controls, Long];

    /// <summary>All of the above in one string.</summary>
    public static string Everything { get; } = string.Join("\n", All);
}
