namespace EcgBridge.Host.Security;

/// <summary>Stable codes of authentication, authorisation and transport security (docs/parts/error-codes-security.md). Never reused.</summary>
public static class SecurityCodes
{
    /// <summary>The request carries no bearer token (HTTP 401).</summary>
    public const string TokenMissing = "AUTH-TOKEN-MISSING";

    /// <summary>The bearer token is malformed or failed validation for a reason not listed below (HTTP 401).</summary>
    public const string TokenInvalid = "AUTH-TOKEN-INVALID";

    /// <summary>The bearer token has expired or is not yet valid (HTTP 401).</summary>
    public const string TokenExpired = "AUTH-TOKEN-EXPIRED";

    /// <summary>The bearer token's signature does not verify with any configured key (HTTP 401).</summary>
    public const string TokenSignatureInvalid = "AUTH-TOKEN-SIGNATURE-INVALID";

    /// <summary>The bearer token was issued for another audience (HTTP 401).</summary>
    public const string TokenAudienceInvalid = "AUTH-TOKEN-AUDIENCE-INVALID";

    /// <summary>The bearer token comes from an issuer that is not configured (HTTP 401).</summary>
    public const string TokenIssuerInvalid = "AUTH-TOKEN-ISSUER-INVALID";

    /// <summary>The token is valid but lacks the SMART system scope the route needs (HTTP 403).</summary>
    public const string ScopeMissing = "AUTH-SCOPE-MISSING";

    /// <summary>The token is valid but lacks the role the route needs, e.g. auditor for /compliance (HTTP 403).</summary>
    public const string RoleMissing = "AUTH-ROLE-MISSING";

    /// <summary>A configured HS256 signing key is not valid base64 (start-up refused).</summary>
    public const string SigningKeyInvalid = "AUTH-SIGNING-KEY-INVALID";

    /// <summary>A configured HS256 signing key is shorter than 32 bytes (start-up refused).</summary>
    public const string SigningKeyTooShort = "AUTH-SIGNING-KEY-TOO-SHORT";

    /// <summary>The configured RSA public key PEM cannot be read or holds no RSA key (start-up refused).</summary>
    public const string PublicKeyUnreadable = "AUTH-PUBLIC-KEY-UNREADABLE";

    /// <summary>HttpUrl binds a non-loopback address but no signing key is configured (start-up refused).</summary>
    public const string KeysRequiredOffLoopback = "AUTH-KEYS-REQUIRED-OFF-LOOPBACK";

    /// <summary>The MLLP TLS certificate cannot be loaded or has no private key (start-up refused).</summary>
    public const string TlsCertificateUnreadable = "TLS-CERTIFICATE-UNREADABLE";

    /// <summary>The MLLP TLS client-CA file cannot be read (start-up refused).</summary>
    public const string TlsClientCaUnreadable = "TLS-CLIENT-CA-UNREADABLE";

    /// <summary>An MLLP TLS handshake failed or timed out (plaintext client, no shared protocol); the connection is closed.</summary>
    public const string TlsHandshakeFailed = "TLS-HANDSHAKE-FAILED";

    /// <summary>A client certificate is required but the client sent none, or it is not trusted or not allowed.</summary>
    public const string TlsClientCertificateRefused = "TLS-CLIENT-CERTIFICATE-REFUSED";
}
