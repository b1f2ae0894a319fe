using System.Security.Cryptography;
using System.Text;

namespace EcgBridge.Audit;

/// <summary>HMAC-SHA256 of patient ids under the configured key: searchable for compliance, not reversible without the key.</summary>
public sealed class PatientIdHasher
{
    private readonly Lazy<byte[]> _key;

    public PatientIdHasher(Func<byte[]> keySource) => _key = new Lazy<byte[]>(keySource, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Lowercase hex HMAC-SHA256 of the UTF-8 id, or null for a null/empty id.</summary>
    public string? Hash(string? patientId) =>
        string.IsNullOrEmpty(patientId)
            ? null
            : Convert.ToHexStringLower(HMACSHA256.HashData(_key.Value, Encoding.UTF8.GetBytes(patientId)));

    /// <summary>
    /// HMAC-SHA256 of <paramref name="data"/> under a key derived from this one for <paramref name="purpose"/> (so a MAC
    /// made for one purpose is never a patient id hash): for opaque tokens the service hands out, such as search cursors.
    /// </summary>
    public byte[] Mac(string purpose, ReadOnlySpan<byte> data)
    {
        byte[] derived = HMACSHA256.HashData(_key.Value, Encoding.UTF8.GetBytes("ecgbridge-mac:" + purpose));
        return HMACSHA256.HashData(derived, data);
    }

    /// <summary>The configured key, or for the embedded store a random key generated once into <paramref name="keyFile"/>.</summary>
    public static byte[] LoadOrCreateKey(string? configuredKey, string keyFile)
    {
        if (!string.IsNullOrEmpty(configuredKey))
        {
            return Encoding.UTF8.GetBytes(configuredKey);
        }

        if (File.Exists(keyFile))
        {
            return Convert.FromBase64String(File.ReadAllText(keyFile).Trim());
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(keyFile))!);
        byte[] key = RandomNumberGenerator.GetBytes(32);
        try
        {
            // CreateNew: when two processes race, the loser reads the winner's key instead of overwriting it.
            using var stream = new FileStream(keyFile, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(key)));
            return key;
        }
        catch (IOException) when (File.Exists(keyFile))
        {
            return Convert.FromBase64String(File.ReadAllText(keyFile).Trim());
        }
    }
}
