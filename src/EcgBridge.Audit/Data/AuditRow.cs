namespace EcgBridge.Audit.Data;

/// <summary>Table <c>audit</c>: one append-only, hash-chained row per message event (see docs/parts/readme-audit.md).</summary>
public sealed class AuditRow
{
    /// <summary>Global sequence number (unique across chains; other tables refer to it).</summary>
    public long Seq { get; set; }

    /// <summary>Canonical form of the hash: 1 (rows before chains and coverage hashes) or 2.</summary>
    public int HashVersion { get; set; } = 1;

    /// <summary>The chain the row belongs to (0 for rows written before several chains existed).</summary>
    public int ChainId { get; set; }

    /// <summary>1-based position in its chain; consecutive per chain.</summary>
    public long ChainSeq { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public string Channel { get; set; } = "";

    public string? SourceSystem { get; set; }

    public string? MessageId { get; set; }

    public string DedupeKey { get; set; } = "";

    public string? RawSha256 { get; set; }

    public string? TensorSha256 { get; set; }

    public string? ModelName { get; set; }

    public string? ModelVersion { get; set; }

    public string? ModelSha256 { get; set; }

    public string? PreprocessingVersion { get; set; }

    public double? Probability { get; set; }

    public string? Risk { get; set; }

    public string? RiskAssessmentId { get; set; }

    public string Outcome { get; set; } = "";

    /// <summary>Codes joined by <c>;</c>, or null.</summary>
    public string? ErrorCodes { get; set; }

    public double? DecodeMs { get; set; }

    public double? NormalizeMs { get; set; }

    public double? ScoreMs { get; set; }

    public double? RecordMs { get; set; }

    public string? PatientIdHash { get; set; }

    /// <summary>v2: lowercase hex SHA-256 of the UTF-8 RiskAssessment JSON stored with the row.</summary>
    public string? RiskAssessmentSha256 { get; set; }

    /// <summary>v2: combined hash of the outbox payloads stored with the row (<see cref="AuditChain.OutboxHash"/>).</summary>
    public string? OutboxSha256 { get; set; }

    public string PrevHash { get; set; } = "";

    public string Hash { get; set; } = "";
}
