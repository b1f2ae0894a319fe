namespace EcgBridge.Audit;

/// <summary>Which database holds the audit record.</summary>
public enum AuditProvider
{
    /// <summary>Embedded default: a SQLite file under the data directory.</summary>
    Sqlite = 0,

    /// <summary>The system of record for a deployment.</summary>
    PostgreSql = 1,
}
