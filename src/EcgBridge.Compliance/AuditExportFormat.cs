namespace EcgBridge.Compliance;

/// <summary>The forms an audit export takes, for the CLI and the compliance API alike.</summary>
public enum AuditExportFormat
{
    /// <summary>RFC 4180 CSV (<see cref="AuditCsv"/>).</summary>
    Csv,

    /// <summary>One BALP AuditEvent per line (FHIR NDJSON).</summary>
    AuditEventNdjson,

    /// <summary>One FHIR collection Bundle of AuditEvents.</summary>
    AuditEventBundle,
}
