namespace EcgBridge.Core.Audit;

/// <summary>
/// Port: the append-only, hash-chained audit log. A scored or failed message's row is appended with everything that
/// depends on it (outbox rows, the RiskAssessment, the stored tensor) in one transaction; rows are searched and the
/// chain verified for compliance staff.
/// </summary>
public interface IAuditLog
{
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
    /// Records a shadow model's score of an accepted message (ShadowScored row in the message's chain; no inbox change, no
    /// outbox, no stored RiskAssessment). Idempotent per dedupe key and model SHA-256.
    /// </summary>
    Task<RecordResult> RecordShadowAsync(AuditRecord record, CancellationToken cancellationToken);

    /// <summary>Compliance search: audit rows matching <paramref name="filter"/> in sequence order, one page.</summary>
    Task<AuditPage> SearchAuditAsync(AuditFilter filter, int skip, int take, CancellationToken cancellationToken);

    /// <summary>
    /// Bulk readers (model comparison): the rows matching <paramref name="filter"/> after sequence
    /// <paramref name="afterSequence"/>, at most <paramref name="take"/>, in sequence order, with only what a score
    /// analysis needs (sequence, outcome, dedupe key, channel, times, source, model, preprocessing, probability, risk,
    /// RiskAssessment id); hashes, codes, timings and patient hash are left empty. Keyset paging, no count.
    /// </summary>
    Task<IReadOnlyList<AuditEntry>> ReadScoresAsync(AuditFilter filter, long afterSequence, int take, CancellationToken cancellationToken);

    /// <summary>Recomputes the hash chain from the first row and names the first broken row.</summary>
    Task<ChainVerification> VerifyChainAsync(CancellationToken cancellationToken);

    /// <summary>One audit row by sequence number, or null when there is none.</summary>
    Task<AuditEntry?> GetAuditEntryAsync(long sequence, CancellationToken cancellationToken);
}
