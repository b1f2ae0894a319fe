using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EcgBridge.Host.Security;

namespace EcgBridge.Host.Mllp;

/// <summary>
/// The TLS side of the MLLP listener: loads the server certificate once, then authenticates each accepted connection
/// (TLS 1.2+, handshake timeout, optional client certificate checked against a CA file and/or pinned thumbprints).
/// </summary>
internal sealed class MllpTls : IDisposable
{
    private readonly MllpTlsOptions _options;
    private readonly X509Certificate2 _certificate;
    private readonly X509Certificate2Collection _clientCas = [];
    private readonly HashSet<string> _thumbprints;
    private readonly ILogger _logger;

    public MllpTls(MllpTlsOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger;
        _certificate = LoadCertificate(options);
        if (!string.IsNullOrWhiteSpace(options.ClientCaPath))
        {
            try
            {
                _clientCas.ImportFromPemFile(options.ClientCaPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
            {
                throw new SecurityConfigurationException(SecurityCodes.TlsClientCaUnreadable, "EcgBridge:Mllp:Tls:ClientCaPath cannot be read (" + e.GetType().Name + ")");
            }

            if (_clientCas.Count == 0)
            {
                throw new SecurityConfigurationException(SecurityCodes.TlsClientCaUnreadable, "EcgBridge:Mllp:Tls:ClientCaPath holds no certificate");
            }
        }

        _thumbprints = new HashSet<string>(
            (options.AllowedClientThumbprints ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries).Select(t => t.Replace(":", "", StringComparison.Ordinal).ToUpperInvariant()),
            StringComparer.Ordinal);
        SecurityLog.MllpTlsEnabled(logger, options.RequireClientCertificate);
    }

    /// <summary>The TLS stream over <paramref name="inner"/>, or null (after logging the code) when the handshake is refused.</summary>
    public async Task<Stream?> AuthenticateAsync(Stream inner, int connectionId, CancellationToken stoppingToken)
    {
        string? refusal = null;
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        var authentication = new SslServerAuthenticationOptions
        {
            ServerCertificate = _certificate,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            ClientCertificateRequired = _options.RequireClientCertificate || _clientCas.Count > 0 || _thumbprints.Count > 0,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                refusal = CheckClient(certificate, errors);
                return refusal is null;
            },
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.HandshakeTimeoutSeconds));
        try
        {
            await ssl.AuthenticateAsServerAsync(authentication, timeout.Token).ConfigureAwait(false);
            return ssl;
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            string code = refusal is null ? SecurityCodes.TlsHandshakeFailed : SecurityCodes.TlsClientCertificateRefused;
            string reason = refusal ?? (e is OperationCanceledException ? "timeout" : e.GetType().Name);
            SecurityLog.MllpTlsRefused(_logger, connectionId, code, reason);
            await ssl.DisposeAsync().ConfigureAwait(false);
            return null;
        }
    }

    public void Dispose()
    {
        _certificate.Dispose();
        foreach (X509Certificate2 ca in _clientCas)
        {
            ca.Dispose();
        }
    }

    /// <summary>Null when the client's certificate (or its absence) is acceptable; otherwise a short reason.</summary>
    private string? CheckClient(X509Certificate? presented, SslPolicyErrors errors)
    {
        if (presented is null)
        {
            return _options.RequireClientCertificate ? "no-client-certificate" : null;
        }

        using var certificate = new X509Certificate2(presented);
        if (_thumbprints.Count > 0 && !_thumbprints.Contains(certificate.GetCertHashString(HashAlgorithmName.SHA256)))
        {
            return "thumbprint-not-allowed";
        }

        if (_clientCas.Count > 0)
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(_clientCas);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(certificate) ? null : "untrusted-chain";
        }

        // Pinned thumbprints alone are enough (self-signed device certificates); otherwise the system store decides.
        return _thumbprints.Count > 0 || errors == SslPolicyErrors.None ? null : "untrusted-chain";
    }

    private static X509Certificate2 LoadCertificate(MllpTlsOptions options)
    {
        string path = options.CertificatePath!;
        try
        {
            X509Certificate2 certificate;
            if (path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase))
            {
                certificate = X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword);
            }
            else
            {
                using X509Certificate2 pem = string.IsNullOrEmpty(options.CertificatePassword)
                    ? X509Certificate2.CreateFromPemFile(path, options.CertificateKeyPath)
                    : X509Certificate2.CreateFromEncryptedPemFile(path, options.CertificatePassword, options.CertificateKeyPath);

                // A PEM key is ephemeral; round-trip through PKCS#12 so every platform's TLS stack can use it.
                certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            }

            if (!certificate.HasPrivateKey)
            {
                certificate.Dispose();
                throw new SecurityConfigurationException(SecurityCodes.TlsCertificateUnreadable, "EcgBridge:Mllp:Tls:CertificatePath has no private key");
            }

            return certificate;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new SecurityConfigurationException(SecurityCodes.TlsCertificateUnreadable, "EcgBridge:Mllp:Tls:CertificatePath cannot be loaded (" + e.GetType().Name + ")");
        }
    }
}
