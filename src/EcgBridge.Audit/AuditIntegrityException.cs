namespace EcgBridge.Audit;

/// <summary>Start-up refused: the audit store's integrity check found a problem; the message is the code and where.</summary>
public sealed class AuditIntegrityException : Exception
{
    public AuditIntegrityException()
        : this("audit integrity check failed")
    {
    }

    public AuditIntegrityException(string message)
        : base(message)
    {
    }

    public AuditIntegrityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
