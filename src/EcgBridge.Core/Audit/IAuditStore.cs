namespace EcgBridge.Core.Audit;

/// <summary>
/// Port: the durable record of every message (append-only, hash-chained audit rows), the inbox that dedupes resends and
/// the outbox that delivers results. Every write method commits before it returns: answer the sender after it.
/// </summary>
public interface IAuditStore
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

    /// <summary>
    /// Records a scored message: Scored audit row, outbox rows, the RiskAssessment document (if any) and inbox state
    /// Scored in one transaction. Idempotent per dedupe key: a second call writes nothing and returns AlreadyRecorded.
    /// </summary>
    Task<RecordResult> RecordScoredAsync(
        AuditRecord record,
        IReadOnlyList<OutboxItem> outbox,
        RiskAssessmentDocument? riskAssessment,
        CancellationToken cancellationToken) =>
        RecordScoredAsync(record, outbox, riskAssessment, tensor: null, cancellationToken);

    /// <summary>
    /// As <see cref="RecordScoredAsync(AuditRecord, IReadOnlyList{OutboxItem}, RiskAssessmentDocument?, CancellationToken)"/>,
    /// and keeps <paramref name="tensor"/> (the normalized input, whose hash is the record's tensor hash) beside the audit
    /// row in the same transaction, for the compliance page. Retention may delete it later; the audit row stays.
    /// </summary>
    Task<RecordResult> RecordScoredAsync(
        AuditRecord record,
        IReadOnlyList<OutboxItem> outbox,
        RiskAssessmentDocument? riskAssessment,
        EcgTensor? tensor,
        CancellationToken cancellationToken);

    /// <summary>Records a failure after acceptance (Failed audit row, inbox state Failed). Idempotent per dedupe key.</summary>
    Task<RecordResult> RecordFailedAsync(AuditRecord record, CancellationToken cancellationToken);

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

    /// <summary>The stored RiskAssessment JSON, or null when the id is unknown.</summary>
    Task<string?> GetRiskAssessmentJsonAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// The stored RiskAssessment JSON only when it hashes to the audit row's recorded hash; otherwise a coverage code
    /// (mismatch, not recorded for rows older than coverage hashes, not found). For the FHIR read API.
    /// </summary>
    Task<CoverageCheck> CheckRiskAssessmentAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Checks the outbox payloads of audit row <paramref name="auditSequence"/> against the combined hash the row
    /// recorded; for the dispatcher before it delivers. No JSON is returned.
    /// </summary>
    Task<CoverageCheck> CheckOutboxAsync(long auditSequence, CancellationToken cancellationToken);

    /// <summary>
    /// RiskAssessments by subject reference (exact) and occurrence in [<paramref name="occurredFrom"/>,
    /// <paramref name="occurredBefore"/>),
    /// newest first, at most <paramref name="count"/>, with the total number of matches.
    /// </summary>
    Task<RiskAssessmentPage> SearchRiskAssessmentsAsync(
        string? subject,
        DateTimeOffset? occurredFrom,
        DateTimeOffset? occurredBefore,
        int count,
        CancellationToken cancellationToken);

    /// <summary>Compliance search: audit rows matching <paramref name="filter"/> in sequence order, one page.</summary>
    Task<AuditPage> SearchAuditAsync(AuditFilter filter, int skip, int take, CancellationToken cancellationToken);

    /// <summary>Recomputes the hash chain from the first row and names the first broken row.</summary>
    Task<ChainVerification> VerifyChainAsync(CancellationToken cancellationToken);

    /// <summary>One audit row by sequence number, or null when there is none.</summary>
    Task<AuditEntry?> GetAuditEntryAsync(long sequence, CancellationToken cancellationToken);

    /// <summary>
    /// The tensor stored with audit row <paramref name="sequence"/>, decoded and checked against the row's tensor hash;
    /// null when none was stored or retention removed it.
    /// </summary>
    Task<StoredEcg?> GetStoredEcgAsync(long sequence, CancellationToken cancellationToken);

    /// <summary>
    /// Retention: deletes stored tensors written before <paramref name="storedBefore"/> (audit rows stay) and returns how
    /// many were deleted.
    /// </summary>
    Task<int> PruneStoredEcgsAsync(DateTimeOffset storedBefore, CancellationToken cancellationToken);
}
