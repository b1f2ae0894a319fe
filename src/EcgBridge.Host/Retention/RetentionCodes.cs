namespace EcgBridge.Host.Retention;

/// <summary>Stable codes of retention runs (docs/error-codes.md), recorded in the run's AuditEvent. Codes are never reused.</summary>
public static class RetentionCodes
{
    /// <summary>A retention run could not delete what was due (database or file system fault); it runs again next interval.</summary>
    public const string PruneFailed = "RETENTION-PRUNE-FAILED";
}
