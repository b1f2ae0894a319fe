namespace EcgBridge.Core.Audit;

/// <summary>
/// Port: the inbox. Every accepted or rejected message gets its inbox row (the answer a resend receives) and its audit
/// row in one transaction, so a resend is answered the same way. Every write commits before it returns: answer the
/// sender after it.
/// </summary>
public interface IInbox
{

    /// <summary>
    /// Inserts the inbox row (with the answer to give) and an Accepted audit row in one transaction. If the dedupe key is
    /// known, writes a Duplicate audit row instead and returns the first answer with <c>IsDuplicate</c> true.
    /// </summary>
    Task<AcceptResult> AcceptAsync(AuditRecord record, StoredAnswer answer, CancellationToken cancellationToken);

    /// <summary>
    /// Records a message refused before acceptance (decode or quality gate): inbox row (state Rejected, the answer) and a
    /// Rejected audit row in one transaction, so a resend gets the same answer. A known dedupe key gives a duplicate.
    /// </summary>
    Task<AcceptResult> RecordRejectedAsync(AuditRecord record, StoredAnswer answer, CancellationToken cancellationToken);
}
