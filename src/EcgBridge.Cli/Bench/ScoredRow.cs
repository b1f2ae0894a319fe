namespace EcgBridge.Cli.Bench;

/// <summary>One Scored audit row as the bench saw it: when (bench clock) and the step timings the serve recorded.</summary>
internal sealed record ScoredRow(
    string RawSha256,
    string? RiskAssessmentId,
    TimeSpan SeenAt,
    DateTimeOffset? FinishedAt,
    double? DecodeMilliseconds,
    double? NormalizeMilliseconds,
    double? ScoreMilliseconds,
    double? RecordMilliseconds);
