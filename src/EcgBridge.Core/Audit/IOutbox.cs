namespace EcgBridge.Core.Audit;

/// <summary>
/// Port: the transactional outbox. Rows are written by <see cref="IAuditLog"/> in the audit row's transaction; the
/// dispatcher claims, delivers and marks them, checking each against the audit row's coverage hash first.
/// </summary>
public interface IOutbox
{
    /// <summary>
    /// Claims up to <paramref name="max"/> due pending outbox rows for <paramref name="lease"/>, oldest first; each claim
    /// counts an attempt. Safe across processes: a row is claimed by one dispatcher at a time.
    /// </summary>
    Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(int max, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>
    /// Pending outbox rows (count and the creation time of the oldest), for the outbox lag gauges. One aggregate query
    /// over the pending rows; cheap while the dispatcher keeps up.
    /// </summary>
    Task<OutboxBacklog> GetOutboxBacklogAsync(CancellationToken cancellationToken);

    /// <summary>Marks a claimed row delivered (status Done).</summary>
    Task MarkDeliveredAsync(long outboxId, CancellationToken cancellationToken);

    /// <summary>
    /// Records a failed delivery: due again at <paramref name="retryAt"/>, or given up (status Failed) when it is null.
    /// <paramref name="httpStatus"/> is the target's answer, when there was one.
    /// </summary>
    Task MarkFailedAsync(long outboxId, string errorCode, int? httpStatus, DateTimeOffset? retryAt, CancellationToken cancellationToken);

    /// <summary>
    /// Checks the outbox payloads of audit row <paramref name="auditSequence"/> against the combined hash the row
    /// recorded; for the dispatcher before it delivers. No JSON is returned.
    /// </summary>
    Task<CoverageCheck> CheckOutboxAsync(long auditSequence, CancellationToken cancellationToken);
}
