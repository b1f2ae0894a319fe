using System.Security.Cryptography;

namespace EcgBridge.Host.Security;

/// <summary>
/// The embedded default's HS256 key: 32 random bytes, base64, in <c>&lt;data-dir&gt;/dev-signing.key</c> (owner read/write
/// only), so <c>ecgbridge token</c> can mint tokens the local service accepts. Never used when keys are configured.
/// </summary>
public static class DevelopmentKey
{
    /// <summary>File name of the development key inside the data dir.</summary>
    public const string KeyFileName = "dev-signing.key";

    /// <summary>File name of the development token written at start-up inside the data dir.</summary>
    public const string TokenFileName = "dev-token.txt";

    /// <summary>Reads the key of <paramref name="dataDirectory"/>, creating it when absent.</summary>
    public static byte[] LoadOrCreate(string dataDirectory)
    {
        if (TryLoad(dataDirectory, out byte[] key))
        {
            return key;
        }

        key = RandomNumberGenerator.GetBytes(32);
        WritePrivateFile(Path.Combine(dataDirectory, KeyFileName), Convert.ToBase64String(key));
        return key;
    }

    /// <summary>The key of <paramref name="dataDirectory"/>; false when there is none or it is not a valid key.</summary>
    public static bool TryLoad(string dataDirectory, out byte[] key)
    {
        key = [];
        string path = Path.Combine(dataDirectory, KeyFileName);
        if (!File.Exists(path))
        {
            return false;
        }

        byte[] decoded;
        try
        {
            decoded = Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        if (decoded.Length < 32)
        {
            return false;
        }

        key = decoded;
        return true;
    }

    /// <summary>Writes a text file readable and writable by its owner only (replacing any previous content).</summary>
    public static void WritePrivateFile(string path, string content)
    {
        ArgumentNullException.ThrowIfNull(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(content);
        }

        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode applies only when the file is new: tighten an existing file too.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
