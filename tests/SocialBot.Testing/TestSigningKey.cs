using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace SocialBot.Testing;

/// <summary>An RSA signing key of <see cref="TestOpenIdIssuer"/>, with the channel ids its JWK is endorsed for.</summary>
public sealed class TestSigningKey : IDisposable
{
    // RSA-2048 generation is slow on a busy CI box; issuers are independent, so each reuses the same few key pairs
    // (the n-th key of every issuer shares material, keys within one issuer never do).
    private static readonly Lazy<RSAParameters>[] KeyMaterial = [.. Enumerable.Range(0, 8).Select(_ => new Lazy<RSAParameters>(GenerateKeyMaterial))];

    internal TestSigningKey(string keyId, IReadOnlyList<string> endorsements, int ordinal)
    {
        KeyId = keyId;
        Endorsements = endorsements;
        Rsa = RSA.Create(ordinal < KeyMaterial.Length ? KeyMaterial[ordinal].Value : GenerateKeyMaterial());
    }

    public string KeyId { get; }

    public IReadOnlyList<string> Endorsements { get; }

    public RSA Rsa { get; }

    /// <summary>The public key as PEM text, the "secret" of the classic RS256 → HS256 confusion attack.</summary>
    public string PublicKeyPem => Rsa.ExportSubjectPublicKeyInfoPem();

    public void Dispose() => Rsa.Dispose();

    private static RSAParameters GenerateKeyMaterial()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportParameters(includePrivateParameters: true);
    }

    internal JsonObject ToJwk()
    {
        var parameters = Rsa.ExportParameters(includePrivateParameters: false);
        var endorsements = new JsonArray();
        foreach (var channel in Endorsements)
        {
            endorsements.Add(channel);
        }

        return new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["n"] = Base64Url.EncodeToString(parameters.Modulus),
            ["e"] = Base64Url.EncodeToString(parameters.Exponent),
            ["endorsements"] = endorsements,
        };
    }
}
