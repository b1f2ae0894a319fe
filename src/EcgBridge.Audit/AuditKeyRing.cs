using System.Security.Cryptography;

namespace EcgBridge.Audit;

/// <summary>
/// Checkpoint keys: any number of ECDSA P-256 public keys to verify with (by key id), and at most one private key to
/// sign with. A separate verifier holds public keys only. Key id = the first 16 lowercase hex digits of SHA-256 of the
/// key's SubjectPublicKeyInfo (DER).
/// </summary>
public sealed class AuditKeyRing : IDisposable
{
    private readonly Dictionary<string, ECDsa> _verifiers = new(StringComparer.Ordinal);
    private ECDsa? _signer;

    /// <summary>The key id new checkpoints are signed with, or null when this ring cannot sign.</summary>
    public string? SigningKeyId { get; private set; }

    /// <summary>The key ids this ring verifies.</summary>
    public IReadOnlyCollection<string> KeyIds => _verifiers.Keys;

    /// <summary>Key id of a public key (SubjectPublicKeyInfo DER).</summary>
    public static string KeyIdOf(ReadOnlySpan<byte> subjectPublicKeyInfo) =>
        Convert.ToHexStringLower(SHA256.HashData(subjectPublicKeyInfo))[..16];

    /// <summary>Makes <paramref name="privateKey"/> (PKCS#8 DER or PEM text) the signing key; its public key also verifies.</summary>
    public string SetSigningKey(ECDsa privateKey)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        _signer = privateKey;
        SigningKeyId = AddVerificationKey(privateKey.ExportSubjectPublicKeyInfo());
        return SigningKeyId;
    }

    /// <summary>Adds a public key (SubjectPublicKeyInfo DER) and returns its key id.</summary>
    public string AddVerificationKey(byte[] subjectPublicKeyInfo)
    {
        ArgumentNullException.ThrowIfNull(subjectPublicKeyInfo);
        string keyId = KeyIdOf(subjectPublicKeyInfo);
        if (!_verifiers.ContainsKey(keyId))
        {
            var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
            _verifiers[keyId] = key;
        }

        return keyId;
    }

    /// <summary>Adds every public or private key in a PEM text (private keys contribute their public half only).</summary>
    public void AddVerificationPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        using var key = ECDsa.Create();
        key.ImportFromPem(pem);
        AddVerificationKey(key.ExportSubjectPublicKeyInfo());
    }

    /// <summary>True when the ring has the key <paramref name="keyId"/>.</summary>
    public bool Knows(string keyId) => _verifiers.ContainsKey(keyId);

    /// <summary>Signs a payload with the signing key (P1363 r‖s), base64.</summary>
    public string Sign(byte[] payload)
    {
        ECDsa signer = _signer ?? throw new InvalidOperationException("This key ring has no signing key.");
        return Convert.ToBase64String(signer.SignData(payload, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    /// <summary>True when <paramref name="signature"/> is a valid signature of <paramref name="payload"/> under key <paramref name="keyId"/>.</summary>
    public bool Verify(string keyId, byte[] payload, string signature)
    {
        if (!_verifiers.TryGetValue(keyId, out ECDsa? key))
        {
            return false;
        }

        Span<byte> raw = stackalloc byte[128];
        return Convert.TryFromBase64String(signature, raw, out int length)
            && key.VerifyData(payload, raw[..length], HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (ECDsa key in _verifiers.Values)
        {
            key.Dispose();
        }

        _verifiers.Clear();
        _signer?.Dispose();
        _signer = null;
    }
}
