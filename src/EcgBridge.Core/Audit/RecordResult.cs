namespace EcgBridge.Core.Audit;

/// <summary>
/// Result of recording a result. <see cref="AlreadyRecorded"/> is true when the dedupe key already had a result (a
/// redelivery after commit): nothing new was written and <see cref="AuditSequence"/> is the earlier row.
/// </summary>
public sealed record RecordResult(long AuditSequence, bool AlreadyRecorded);
