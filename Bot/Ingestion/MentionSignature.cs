using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SocialBot.Bot.Ingestion;

internal enum SignatureCheck
{
    Valid,
    MissingTimestamp,
    MalformedTimestamp,
    StaleOrFutureTimestamp,
    MissingSignature,
    MalformedSignature,
    Mismatch,
}

/// <summary>
/// <c>X-SocialBot-Signature: sha256=&lt;hex&gt;</c> over <c>"&lt;X-SocialBot-Timestamp&gt;.&lt;raw body&gt;"</c>.
/// The timestamp is inside the signed bytes so a captured request cannot be replayed after the skew window.
/// Hex digits may be upper or lower case; the <c>sha256=</c> prefix is exact.
/// </summary>
internal static class MentionSignature
{
    public const string TimestampHeader = "X-SocialBot-Timestamp";
    public const string SignatureHeader = "X-SocialBot-Signature";
    public const string Scheme = "sha256=";
    private const int HashBytes = 32;

    public static SignatureCheck Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body, string secret, DateTimeOffset now, TimeSpan clockSkew)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (string.IsNullOrEmpty(timestamp))
        {
            return SignatureCheck.MissingTimestamp;
        }

        // Digits only: no sign, spaces or exponent, so the signed text has one spelling.
        if (timestamp.Length > 12 || timestamp.AsSpan().ContainsAnyExceptInRange('0', '9') ||
            !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SignatureCheck.MalformedTimestamp;
        }

        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > (long)clockSkew.TotalSeconds)
        {
            return SignatureCheck.StaleOrFutureTimestamp;
        }

        if (string.IsNullOrEmpty(signature))
        {
            return SignatureCheck.MissingSignature;
        }

        if (!signature.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return SignatureCheck.MalformedSignature;
        }

        var hex = signature.AsSpan(Scheme.Length);
        Span<byte> received = stackalloc byte[HashBytes];
        if (hex.Length != HashBytes * 2 || Convert.FromHexString(hex, received, out _, out var written) != System.Buffers.OperationStatus.Done || written != HashBytes)
        {
            return SignatureCheck.MalformedSignature;
        }

        Span<byte> expected = stackalloc byte[HashBytes];
        Compute(secret, timestamp, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, received) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>The header value a sender puts in <see cref="SignatureHeader"/>.</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[HashBytes];
        Compute(secret, timestamp, body, hash);
        return Scheme + Convert.ToHexStringLower(hash);
    }

    private static void Compute(string secret, string timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.ASCII.GetBytes(timestamp + "."));
        hmac.AppendData(body);
        hmac.GetHashAndReset(destination);
    }

    public static string Describe(SignatureCheck check) => check switch
    {
        SignatureCheck.MissingTimestamp => $"The {TimestampHeader} header is missing.",
        SignatureCheck.MalformedTimestamp => $"The {TimestampHeader} header must be unix seconds (digits only).",
        SignatureCheck.StaleOrFutureTimestamp => $"The {TimestampHeader} header is too far from the current time; sign each request when you send it.",
        SignatureCheck.MissingSignature => $"The {SignatureHeader} header is missing.",
        SignatureCheck.MalformedSignature => $"The {SignatureHeader} header must be 'sha256=' followed by 64 hex digits.",
        SignatureCheck.Mismatch => "The signature does not match the body.",
        _ => "The request is signed correctly.",
    };
}
