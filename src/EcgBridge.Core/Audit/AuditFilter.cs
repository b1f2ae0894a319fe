namespace EcgBridge.Core.Audit;

/// <summary>
/// Compliance search over audit rows; null fields do not filter. <see cref="PatientId"/> is hashed with the configured
/// key before the search, exactly as on insert. <see cref="From"/> is inclusive, <see cref="To"/> exclusive (received time).
/// </summary>
public sealed record AuditFilter
{
    public string? PatientId { get; init; }

    public string? DedupeKey { get; init; }

    public string? MessageId { get; init; }

    public string? SourceSystem { get; init; }

    public AuditOutcome? Outcome { get; init; }

    public string? RiskAssessmentId { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }
}
