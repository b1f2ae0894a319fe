namespace EcgBridge.Audit;

/// <summary>
/// One chain as verified: its rows, checkpoints (database), the position verification started after (0 = full), the
/// rows covered by the newest valid checkpoint, and the checkpoint recorded as verified (0 = none).
/// </summary>
public sealed record AuditChainSummary(int ChainId, long Rows, long Checkpoints, long VerifiedFrom, long CoveredRows, long VerifiedCheckpoint);
