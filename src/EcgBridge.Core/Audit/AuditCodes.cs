namespace EcgBridge.Core.Audit;

/// <summary>Stable codes for audit-chain findings (docs/error-codes.md). Codes are never reused.</summary>
public static class AuditCodes
{
    /// <summary>A row's stored hash differs from the hash of its fields: the row was changed after insert.</summary>
    public const string ChainHashMismatch = "AUDIT-CHAIN-HASH-MISMATCH";

    /// <summary>A row's previous hash is not the hash of the row before it: a row was removed or inserted.</summary>
    public const string ChainLinkBroken = "AUDIT-CHAIN-LINK-BROKEN";

    /// <summary>Sequence numbers are not consecutive: a row is missing.</summary>
    public const string ChainSequenceGap = "AUDIT-CHAIN-SEQUENCE-GAP";

    /// <summary>Rows hash and link consistently, but the row a signed checkpoint covers has another hash: the chain was re-hashed.</summary>
    public const string ChainRehashed = "AUDIT-CHAIN-REHASHED";

    /// <summary>The chain has fewer rows than a signed checkpoint counted: newest rows were deleted.</summary>
    public const string ChainTruncated = "AUDIT-CHAIN-TRUNCATED";

    /// <summary>Rows after the newest checkpoint: consistent, but not yet covered by a signature (info).</summary>
    public const string RowsUncovered = "AUDIT-ROWS-UNCOVERED";

    /// <summary>A chain has rows but no checkpoint at all (warning: nothing signed covers it).</summary>
    public const string NoCheckpoint = "AUDIT-CHECKPOINT-NONE";

    /// <summary>received_at goes backwards along a chain (warning: the clock jumped, or rows were reordered).</summary>
    public const string ClockBackwards = "AUDIT-CLOCK-BACKWARDS";

    /// <summary>A checkpoint's signature does not verify under the key it names.</summary>
    public const string CheckpointSignatureInvalid = "AUDIT-CHECKPOINT-SIGNATURE-INVALID";

    /// <summary>A checkpoint names a key id that is not among the verification keys.</summary>
    public const string CheckpointKeyUnknown = "AUDIT-CHECKPOINT-KEY-UNKNOWN";

    /// <summary>A checkpoint the witness holds (or a number in the sequence) is missing from the database.</summary>
    public const string CheckpointMissing = "AUDIT-CHECKPOINT-MISSING";

    /// <summary>A checkpoint the database holds is missing from the witness (witness deleted, truncated or replaced with an older copy).</summary>
    public const string WitnessMissing = "AUDIT-WITNESS-MISSING";

    /// <summary>The witness and the database hold different checkpoints under the same number (one of them was edited).</summary>
    public const string WitnessMismatch = "AUDIT-WITNESS-MISMATCH";

    /// <summary>A witness line is not a readable checkpoint.</summary>
    public const string WitnessUnreadable = "AUDIT-WITNESS-UNREADABLE";

    /// <summary>The witness folder or file cannot be written: checkpoints are only in the database.</summary>
    public const string WitnessUnwritable = "AUDIT-WITNESS-UNWRITABLE";

    /// <summary>No signing key is configured: no checkpoints are written.</summary>
    public const string SigningKeyMissing = "AUDIT-SIGNING-KEY-MISSING";

    /// <summary>The signing key file is readable by group or others, or cannot be read as a P-256 private key.</summary>
    public const string SigningKeyInsecure = "AUDIT-SIGNING-KEY-INSECURE";

    /// <summary>The incremental state names a checkpoint the store no longer has: that chain was verified in full (warning).</summary>
    public const string VerifyStateStale = "AUDIT-VERIFY-STATE-STALE";

    /// <summary>An append-only trigger is missing.</summary>
    public const string TriggerMissing = "AUDIT-TRIGGER-MISSING";

    /// <summary>A missing trigger was recreated (repair on request).</summary>
    public const string TriggerRepaired = "AUDIT-TRIGGER-REPAIRED";

    /// <summary>The application role may UPDATE, DELETE or TRUNCATE an append-only table (PostgreSQL).</summary>
    public const string GrantTooWide = "AUDIT-GRANT-TOO-WIDE";

    /// <summary>The application role lacks INSERT or SELECT on an audit table (PostgreSQL).</summary>
    public const string GrantMissing = "AUDIT-GRANT-MISSING";

    /// <summary>A stored document (RiskAssessment JSON, outbox payloads) does not hash to what its audit row recorded.</summary>
    public const string CoverageMismatch = "AUDIT-COVERAGE-MISMATCH";

    /// <summary>The audit row records no hash for the document (rows written before coverage hashes existed).</summary>
    public const string CoverageNotRecorded = "AUDIT-COVERAGE-NOT-RECORDED";

    /// <summary>No such stored document, or no audit row for it.</summary>
    public const string CoverageNotFound = "AUDIT-COVERAGE-NOT-FOUND";
}
