using System.Runtime.InteropServices;

namespace EcgBridge.Host;

/// <summary>
/// Everything the service writes holds patient data or keys (SQLite audit, spool, access log, keys, checkpoints): the
/// data folder is 0700 and the process creates files 0600 (umask 077), whatever the umask it was started with.
/// </summary>
public static partial class PrivateFiles
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Sets the process umask to 077 (no-op off Unix).</summary>
    public static void RestrictProcessUmask()
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            _ = Umask(0x3F);
        }
    }

    /// <summary>Creates <paramref name="directory"/> if needed and makes it owner-only.</summary>
    public static void CreateOwnerOnlyDirectory(string directory)
    {
        Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, OwnerOnlyFolder);
        }
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint Umask(uint mask);
}
