namespace EcgBridge.Audit;

/// <summary>
/// One finding of <see cref="AuditVerifier"/>: an <c>AuditCodes</c> code, its severity, the chain, and the first row
/// affected (global <see cref="Sequence"/> when the row exists, and its <see cref="ChainSequence"/>) or the checkpoint
/// number. <see cref="Count"/> &gt; 1 when consecutive rows or checkpoints share the finding; <see cref="Location"/>
/// names a trigger, table or grant for schema findings.
/// </summary>
public sealed record AuditFinding(
    string Code,
    AuditFindingSeverity Severity,
    int ChainId,
    long? Sequence,
    long? ChainSequence,
    long? CheckpointNumber,
    long Count = 1,
    string? Location = null);
