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

    /// <summary>
    /// An OpenID Connect identity provider (issuer URL): its keys are read from
    /// <c>&lt;Authority&gt;/.well-known/openid-configuration</c> → <c>jwks_uri</c>, cached, refreshed every
    /// <see cref="JwksRefreshHours"/> and at once (at most every <see cref="JwksMinimumRefreshSeconds"/>) when a token names a
    /// <c>kid</c> not in the cache (key rotation); its <c>issuer</c> is accepted besides <see cref="Issuer"/>. Used in
    /// addition to the configured keys.
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>The discovery document's URL when it is not under <see cref="Authority"/> (or to use one without Authority).</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>Allow an http:// (not https) discovery document — only for a provider on loopback in tests.</summary>
    public bool AllowHttpMetadata { get; set; }

    /// <summary>How often the discovery document and JWKS are read again, in hours.</summary>
    public double JwksRefreshHours { get; set; } = 12;

    /// <summary>Least time between two reads forced by an unknown <c>kid</c>, in seconds (so junk tokens cannot hammer the provider).</summary>
    public int JwksMinimumRefreshSeconds { get; set; } = 300;

    /// <summary>True when an OpenID Connect provider is configured.</summary>
    public bool UsesOidc => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(MetadataAddress);

    /// <summary>True when the operator configured at least one verification key (or a provider that publishes them).</summary>
    public bool HasConfiguredKeys => !string.IsNullOrWhiteSpace(SigningKeys) || !string.IsNullOrWhiteSpace(PublicKeyPemPath) || UsesOidc;
}
