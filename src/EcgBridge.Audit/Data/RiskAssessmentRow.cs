namespace EcgBridge.Audit.Data;

/// <summary>Table <c>risk_assessment</c>: RiskAssessment JSON served by the host's own FHIR read API.</summary>
public sealed class RiskAssessmentRow
{
    public string Id { get; set; } = "";

    public string DedupeKey { get; set; } = "";

    public long AuditSeq { get; set; }

    public string? Subject { get; set; }

    public DateTimeOffset? Occurrence { get; set; }

    public string Json { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The ECG's order number (outcome feedback over HL7 v2 matches on it).</summary>
    public string? OrderId { get; set; }
}
