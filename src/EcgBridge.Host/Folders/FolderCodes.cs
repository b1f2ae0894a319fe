namespace EcgBridge.Host.Folders;

/// <summary>Stable codes of the watched-folder channel (docs/error-codes.md). Codes are never reused.</summary>
public static class FolderCodes
{
    /// <summary>The file is larger than the folder's MaxFileBytes; it is moved to error/ unread.</summary>
    public const string FileTooLarge = "FOLDER-FILE-TOO-LARGE";

    /// <summary>The file could not be read (permissions, vanished); it stays where it was and is tried again.</summary>
    public const string FileUnreadable = "FOLDER-FILE-UNREADABLE";

    /// <summary>A folder's Path is missing or cannot be created; the service refuses to start.</summary>
    public const string PathInvalid = "FOLDER-PATH-INVALID";

    /// <summary>A results row names a folder that is not configured (configuration changed); the row is not delivered.</summary>
    public const string ResultsFolderUnknown = "FOLDER-RESULTS-UNKNOWN";
}
