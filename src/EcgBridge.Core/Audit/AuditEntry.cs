using EcgBridge.Core.Scoring;

namespace EcgBridge.Core.Audit;

/// <summary>One stored audit row, as read back (hash chain included).</summary>
public sealed record AuditEntry
{
    public required long Sequence { get; init; }

    public required AuditOutcome Outcome { get; init; }

    public required string DedupeKey { get; init; }

    public required AuditChannel Channel { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public string? SourceSystem { get; init; }

    public string? MessageId { get; init; }

    public string? RawSha256 { get; init; }

    public string? TensorSha256 { get; init; }

    public string? ModelName { get; init; }

    public string? ModelVersion { get; init; }

    public string? ModelSha256 { get; init; }

    public string? PreprocessingVersion { get; init; }

    public double? Probability { get; init; }

    public RiskLevel? Risk { get; init; }

    public string? RiskAssessmentId { get; init; }

    public IReadOnlyList<string> ErrorCodes { get; init; } = [];

    public double? DecodeMilliseconds { get; init; }

    public double? NormalizeMilliseconds { get; init; }

    public double? ScoreMilliseconds { get; init; }

    public double? RecordMilliseconds { get; init; }

    /// <summary>Lowercase hex HMAC-SHA256 of the patient id under the configured key, or null.</summary>
    public string? PatientIdHash { get; init; }

    public required string PreviousHash { get; init; }

    public required string Hash { get; init; }
}
