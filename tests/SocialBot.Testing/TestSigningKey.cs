using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace SocialBot.Testing;

/// <summary>An RSA signing key of <see cref="TestOpenIdIssuer"/>, with the channel ids its JWK is endorsed for.</summary>
public sealed class TestSigningKey : IDisposable
{
    internal TestSigningKey(string keyId, IReadOnlyList<string> endorsements)
    {
        KeyId = keyId;
        Endorsements = endorsements;
        Rsa = RSA.Create(2048);
    }

    public string KeyId { get; }

    public IReadOnlyList<string> Endorsements { get; }

    public RSA Rsa { get; }

    /// <summary>The public key as PEM text, the "secret" of the classic RS256 → HS256 confusion attack.</summary>
    public string PublicKeyPem => Rsa.ExportSubjectPublicKeyInfoPem();

    public void Dispose() => Rsa.Dispose();

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
