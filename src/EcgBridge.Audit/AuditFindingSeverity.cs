namespace EcgBridge.Audit;

/// <summary>How much an audit verification finding weighs: only <see cref="Error"/> makes a chain broken.</summary>
public enum AuditFindingSeverity
{
    Info,
    Warning,
    Error,
}
