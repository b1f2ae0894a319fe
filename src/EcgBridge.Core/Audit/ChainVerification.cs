namespace EcgBridge.Core.Audit;

/// <summary>
/// Result of recomputing the hash chain: <see cref="RowCount"/> rows checked; when broken, the first broken row's
/// sequence number and an <see cref="AuditCodes"/> code saying how it is broken.
/// </summary>
public sealed record ChainVerification(bool Intact, long RowCount, long? FirstBrokenSequence, string? Code);
