using System.ComponentModel.DataAnnotations;

namespace EcgBridge.Host.Mllp;

/// <summary>MLLP over TLS (<c>EcgBridge:Mllp:Tls</c>): on when <see cref="CertificatePath"/> is set; TLS 1.2 and 1.3 only.</summary>
public sealed class MllpTlsOptions
{
    public const string SectionName = "EcgBridge:Mllp:Tls";

    /// <summary>Server certificate: a PFX/PKCS#12 file, or a PEM certificate (key in the same file or in <see cref="CertificateKeyPath"/>).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM private key of a PEM certificate, when it is not in the certificate file.</summary>
    public string? CertificateKeyPath { get; set; }

    /// <summary>Password of the PFX or of an encrypted PEM key (keep it in a secret store).</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>True: clients must present a certificate that passes the checks below, or the handshake fails.</summary>
    public bool RequireClientCertificate { get; set; }

    /// <summary>PEM file of the CA certificate(s) client certificates must chain to (instead of the system store).</summary>
    public string? ClientCaPath { get; set; }

    /// <summary>Comma-separated SHA-256 thumbprints (hex) of the only client certificates allowed (pinning).</summary>
    public string? AllowedClientThumbprints { get; set; }

    /// <summary>A TLS handshake must complete within this many seconds of the connection.</summary>
    [Range(1, 300)]
    public int HandshakeTimeoutSeconds { get; set; } = 10;

    /// <summary>True when a server certificate is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);
}
