namespace EcgBridge.Audit;

/// <summary>The columns of an audit row a follower needs.</summary>
public sealed record AuditTailRow(
    long Sequence,
    string? RawSha256,
    string? RiskAssessmentId,
    DateTimeOffset? FinishedAt,
    double? DecodeMilliseconds,
    double? NormalizeMilliseconds,
    double? ScoreMilliseconds,
    double? RecordMilliseconds);
