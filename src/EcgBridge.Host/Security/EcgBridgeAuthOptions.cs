namespace EcgBridge.Host.Security;

/// <summary>Bearer-token settings (<c>EcgBridge:Auth</c>). With no key configured, a development key under the data dir is used (loopback only).</summary>
public sealed class EcgBridgeAuthOptions
{
    public const string SectionName = "EcgBridge:Auth";

    /// <summary>
    /// HS256 verification keys, base64, at least 32 bytes each, separated by commas (several during a key rotation).
    /// Keep them in a secret store (environment <c>EcgBridge__Auth__SigningKeys</c>).
    /// </summary>
    public string? SigningKeys { get; set; }

    /// <summary>Path of a PEM file with the identity provider's RSA public key (RS256 tokens).</summary>
    public string? PublicKeyPemPath { get; set; }

    /// <summary>Required <c>iss</c> of every token.</summary>
    public string Issuer { get; set; } = "ecgbridge";

    /// <summary>Required <c>aud</c> of every token.</summary>
    public string Audience { get; set; } = "ecgbridge";

    /// <summary>Tolerated clock difference with the token issuer, in seconds.</summary>
    public int ClockSkewSeconds { get; set; } = 30;

    /// <summary>True when the operator configured at least one verification key.</summary>
    public bool HasConfiguredKeys => !string.IsNullOrWhiteSpace(SigningKeys) || !string.IsNullOrWhiteSpace(PublicKeyPemPath);
}
