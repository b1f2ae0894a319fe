namespace EcgBridge.Audit.Data;

/// <summary>Table <c>audit</c>: one append-only, hash-chained row per message event (see docs/parts/readme-audit.md).</summary>
public sealed class AuditRow
{
    public long Seq { get; set; }

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

    public string PrevHash { get; set; } = "";

    public string Hash { get; set; } = "";
}
