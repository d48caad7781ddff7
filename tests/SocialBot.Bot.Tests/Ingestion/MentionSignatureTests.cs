using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SocialBot.Bot.Ingestion;

namespace SocialBot.Bot.Tests.Ingestion;

public sealed class MentionSignatureTests
{
    private const string Secret = "a-test-secret-of-decent-length";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(300);
    private static readonly byte[] Body = """{"id":"1","source":"x"}"""u8.ToArray();

    [Fact]
    public void Verify_SignedBySender_IsValid()
    {
        var timestamp = Stamp(Now);

        Assert.Equal(SignatureCheck.Valid, Verify(timestamp, ExternalSignature(Secret, timestamp, Body), Body));
    }

    [Fact]
    public void Sign_MatchesAnIndependentHmacOfTimestampDotBody()
    {
        var timestamp = Stamp(Now);

        Assert.Equal(ExternalSignature(Secret, timestamp, Body), MentionSignature.Sign(Secret, timestamp, Body));
    }

    [Fact]
    public void Verify_WrongSecret_IsMismatch()
    {
        var timestamp = Stamp(Now);

        Assert.Equal(SignatureCheck.Mismatch, Verify(timestamp, ExternalSignature("another-secret-entirely", timestamp, Body), Body));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86_400)]
    public void Verify_TimestampOutsideSkew_IsStaleOrFuture(int offsetSeconds)
    {
        var timestamp = Stamp(Now.AddSeconds(offsetSeconds));

        Assert.Equal(SignatureCheck.StaleOrFutureTimestamp, Verify(timestamp, ExternalSignature(Secret, timestamp, Body), Body));
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    [InlineData(0)]
    public void Verify_TimestampAtSkewEdge_IsValid(int offsetSeconds)
    {
        var timestamp = Stamp(Now.AddSeconds(offsetSeconds));

        Assert.Equal(SignatureCheck.Valid, Verify(timestamp, ExternalSignature(Secret, timestamp, Body), Body));
    }

    [Fact]
    public void Verify_BodyAlteredByOneByte_IsMismatch()
    {
        var timestamp = Stamp(Now);
        var signature = ExternalSignature(Secret, timestamp, Body);
        var altered = Body.ToArray();
        altered[^2] ^= 0x01;

        Assert.Equal(SignatureCheck.Mismatch, Verify(timestamp, signature, altered));
    }

    [Fact]
    public void Verify_SignatureOverAnotherTimestamp_IsMismatch()
    {
        var signature = ExternalSignature(Secret, Stamp(Now), Body);

        Assert.Equal(SignatureCheck.Mismatch, Verify(Stamp(Now.AddSeconds(1)), signature, Body));
    }

    [Theory]
    [InlineData(null, nameof(SignatureCheck.MissingTimestamp))]
    [InlineData("", nameof(SignatureCheck.MissingTimestamp))]
    [InlineData("abc", nameof(SignatureCheck.MalformedTimestamp))]
    [InlineData("-1750000000", nameof(SignatureCheck.MalformedTimestamp))]
    [InlineData(" 1750000000", nameof(SignatureCheck.MalformedTimestamp))]
    [InlineData("1750000000.5", nameof(SignatureCheck.MalformedTimestamp))]
    [InlineData("1750000000000000", nameof(SignatureCheck.MalformedTimestamp))]
    public void Verify_BadTimestampHeader_NamesTheProblem(string? timestamp, string expected)
    {
        Assert.Equal(Enum.Parse<SignatureCheck>(expected), Verify(timestamp, ExternalSignature(Secret, timestamp ?? string.Empty, Body), Body));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Verify_MissingSignature_IsMissingSignature(string? signature)
    {
        Assert.Equal(SignatureCheck.MissingSignature, Verify(Stamp(Now), signature, Body));
    }

    [Fact]
    public void Verify_SignatureWithoutScheme_IsMalformed()
    {
        var timestamp = Stamp(Now);
        var hexOnly = ExternalSignature(Secret, timestamp, Body)["sha256=".Length..];

        Assert.Equal(SignatureCheck.MalformedSignature, Verify(timestamp, hexOnly, Body));
    }

    [Fact]
    public void Verify_OtherScheme_IsMalformed()
    {
        var timestamp = Stamp(Now);
        var hex = ExternalSignature(Secret, timestamp, Body)["sha256=".Length..];

        Assert.Equal(SignatureCheck.MalformedSignature, Verify(timestamp, "sha1=" + hex, Body));
        Assert.Equal(SignatureCheck.MalformedSignature, Verify(timestamp, "SHA256=" + hex, Body));
    }

    [Fact]
    public void Verify_OddHexLength_IsMalformed()
    {
        var timestamp = Stamp(Now);

        Assert.Equal(SignatureCheck.MalformedSignature, Verify(timestamp, ExternalSignature(Secret, timestamp, Body)[..^1], Body));
    }

    [Fact]
    public void Verify_NonHexDigits_IsMalformed()
    {
        var timestamp = Stamp(Now);
        var signature = ExternalSignature(Secret, timestamp, Body)[..^2] + "zz";

        Assert.Equal(SignatureCheck.MalformedSignature, Verify(timestamp, signature, Body));
    }

    [Fact]
    public void Verify_UppercaseHex_IsAccepted()
    {
        var timestamp = Stamp(Now);
        var signature = "sha256=" + ExternalSignature(Secret, timestamp, Body)["sha256=".Length..].ToUpperInvariant();

        Assert.Equal(SignatureCheck.Valid, Verify(timestamp, signature, Body));
    }

    [Fact]
    public void Verify_EmptyBodySignedCorrectly_IsValid()
    {
        var timestamp = Stamp(Now);

        Assert.Equal(SignatureCheck.Valid, Verify(timestamp, ExternalSignature(Secret, timestamp, []), []));
    }

    [Theory]
    [InlineData(nameof(SignatureCheck.MissingTimestamp), "X-SocialBot-Timestamp")]
    [InlineData(nameof(SignatureCheck.MalformedSignature), "sha256=")]
    [InlineData(nameof(SignatureCheck.StaleOrFutureTimestamp), "too far")]
    public void Describe_Failure_NamesTheHeaderOrCause(string check, string expected)
    {
        Assert.Contains(expected, MentionSignature.Describe(Enum.Parse<SignatureCheck>(check)), StringComparison.Ordinal);
    }

    private static SignatureCheck Verify(string? timestamp, string? signature, byte[] body) =>
        MentionSignature.Verify(timestamp, signature, body, Secret, Now, Skew);

    private static string Stamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    // Computed the way a sender would, independently of the code under test.
    private static string ExternalSignature(string secret, string timestamp, byte[] body)
    {
        var signed = Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray();
        return "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed)).ToLowerInvariant();
    }
}
