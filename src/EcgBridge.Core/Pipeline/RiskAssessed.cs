namespace EcgBridge.Core.Pipeline;

/// <summary>Event: a RiskAssessment was recorded (and delivered). Ids and the score only — no PHI beyond ids.</summary>
public sealed record RiskAssessed
{
    /// <summary>The dedupe key of the scored message.</summary>
    public required string DedupeKey { get; init; }

    /// <summary>Logical id of the RiskAssessment resource.</summary>
    public required string RiskAssessmentId { get; init; }

    /// <summary>Probability of occlusion MI, 0..1.</summary>
    public required double Probability { get; init; }

    /// <summary>Qualitative risk code (risk-probability code system: negligible, low, moderate, high).</summary>
    public required string Risk { get; init; }

    /// <summary>Model name.</summary>
    public required string ModelName { get; init; }

    /// <summary>Model version.</summary>
    public required string ModelVersion { get; init; }

    /// <summary>When the RiskAssessment was recorded.</summary>
    public required DateTimeOffset AssessedAt { get; init; }
}
