namespace EcgBridge.Core.Audit;

/// <summary>
/// Result of <see cref="IInbox.AcceptAsync"/> or <see cref="IInbox.RecordRejectedAsync"/>. When
/// <see cref="IsDuplicate"/> is true, <see cref="Answer"/> is the answer given the first time (send it again, process
/// nothing) and <see cref="State"/> says how far the first copy got; otherwise it is the answer just stored.
/// </summary>
public sealed record AcceptResult(bool IsDuplicate, long AuditSequence, StoredAnswer? Answer, InboxState State);
