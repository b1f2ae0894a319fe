namespace EcgBridge.Host.Folders;

/// <summary>Start-up refused: a watched folder is misconfigured (the message is a code and a setting name).</summary>
public sealed class FolderRefusedException : Exception
{
    public FolderRefusedException()
        : this(FolderCodes.PathInvalid)
    {
    }

    public FolderRefusedException(string message)
        : base(message)
    {
    }

    public FolderRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
