using System.Security.Cryptography;
using EcgBridge.Core.Audit;

namespace EcgBridge.Audit;

/// <summary>Loads the checkpoint key ring from <see cref="AuditOptions"/> (and, for the embedded store, creates a key once).</summary>
public static class AuditSigningKeys
{
    /// <summary>File name of the generated embedded signing key under the data directory.</summary>
    public const string EmbeddedKeyFile = "audit-signing.key";

    /// <summary>File name of its public key, for a verifier that must not hold the private key.</summary>
    public const string EmbeddedPublicKeyFile = "audit-signing.pub.pem";

    /// <summary>Folder under the data directory whose <c>*.pem</c> files are extra verification keys (rotated-out keys).</summary>
    public const string KeyFolder = "audit-keys";

    /// <summary>
    /// The key ring for a store: the signing key (configured, or generated for SQLite when none is configured) and the
    /// verification keys. <paramref name="code"/> is null, <see cref="AuditCodes.SigningKeyMissing"/> (no key: the ring
    /// cannot sign) or <see cref="AuditCodes.SigningKeyInsecure"/> (the key file is open to others: refused).
    /// </summary>
    public static AuditKeyRing Load(AuditOptions options, out string? code)
    {
        ArgumentNullException.ThrowIfNull(options);
        code = null;
        var ring = new AuditKeyRing();
        if (options.SigningKey is { Length: > 0 } base64)
        {
            var key = ECDsa.Create();
            key.ImportPkcs8PrivateKey(Convert.FromBase64String(base64), out _);
            ring.SetSigningKey(key);
        }
        else if (options.SigningKeyPath is { Length: > 0 } path)
        {
            if (!IsOwnerOnly(path))
            {
                code = AuditCodes.SigningKeyInsecure;
            }
            else
            {
                var key = ECDsa.Create();
                key.ImportFromPem(File.ReadAllText(path));
                ring.SetSigningKey(key);
            }
        }
        else if (options.Provider == AuditProvider.Sqlite)
        {
            string directory = Path.GetFullPath(options.DataDirectory);
            ring.SetSigningKey(LoadOrCreateEmbedded(Path.Combine(directory, EmbeddedKeyFile), Path.Combine(directory, EmbeddedPublicKeyFile)));
        }
        else
        {
            code = AuditCodes.SigningKeyMissing;
        }

        foreach (string entry in options.VerificationKeys)
        {
            AddVerificationKey(ring, entry);
        }

        AddKeyFolder(ring, Path.Combine(Path.GetFullPath(options.DataDirectory), KeyFolder));
        return ring;
    }

    /// <summary>Adds one verification key: PEM text, base64 SubjectPublicKeyInfo, or a path to a PEM file.</summary>
    public static void AddVerificationKey(AuditKeyRing ring, string entry)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            ring.AddVerificationPem(entry);
        }
        else if (File.Exists(entry))
        {
            ring.AddVerificationPem(File.ReadAllText(entry));
        }
        else
        {
            ring.AddVerificationKey(Convert.FromBase64String(entry.Trim()));
        }
    }

    /// <summary>Adds every <c>*.pem</c> file of a folder (missing folder: nothing).</summary>
    public static void AddKeyFolder(AuditKeyRing ring, string folder)
    {
        ArgumentNullException.ThrowIfNull(ring);
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (string file in Directory.EnumerateFiles(folder, "*.pem"))
        {
            ring.AddVerificationPem(File.ReadAllText(file));
        }
    }

    /// <summary>A new P-256 key as PKCS#8 PEM text (for operators: <c>audit keygen</c> and tests).</summary>
    public static string NewPrivateKeyPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKeyPem();
    }

    private static ECDsa LoadOrCreateEmbedded(string keyFile, string publicFile)
    {
        var key = ECDsa.Create();
        if (File.Exists(keyFile))
        {
            key.ImportFromPem(File.ReadAllText(keyFile));
            return key;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(keyFile)!);
        string pem = NewPrivateKeyPem();
        try
        {
            // CreateNew: when two processes race, the loser reads the winner's key instead of overwriting it.
            using (var stream = new FileStream(keyFile, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }

                stream.Write(System.Text.Encoding.ASCII.GetBytes(pem));
            }

            key.ImportFromPem(pem);
            File.WriteAllText(publicFile, key.ExportSubjectPublicKeyInfoPem());
        }
        catch (IOException) when (File.Exists(keyFile))
        {
            key.ImportFromPem(File.ReadAllText(keyFile));
        }

        return key;
    }

    private static bool IsOwnerOnly(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        UnixFileMode open = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & open) == 0;
    }
}
