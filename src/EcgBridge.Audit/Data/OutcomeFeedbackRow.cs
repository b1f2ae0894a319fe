namespace EcgBridge.Audit.Data;

/// <summary>
/// Table <c>outcome_feedback</c>: a confirmed diagnosis or a clinician's response about one RiskAssessment, recorded
/// with the <c>outcome-recorded</c> audit row at <see cref="AuditSeq"/> (append-only, like the audit).
/// </summary>
public sealed class OutcomeFeedbackRow
{
    public long Id { get; set; }

    /// <summary>Unique: kind, sender and the feedback's own id (a second copy is refused as a duplicate).</summary>
    public string FeedbackKey { get; set; } = "";

    /// <summary>The ECG's dedupe key (joins the audit rows of every model that scored it).</summary>
    public string DedupeKey { get; set; } = "";

    public string RiskAssessmentId { get; set; } = "";

    /// <summary><c>condition</c>, <c>observation</c> or <c>cds-hooks</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>True: OMI confirmed; false: ruled out; null: a clinician response only.</summary>
    public bool? Confirmed { get; set; }

    /// <summary><c>accepted</c> or <c>overridden</c> (CDS Hooks), else null.</summary>
    public string? Response { get; set; }

    public string? Finding { get; set; }

    public DateTimeOffset? OccurredAt { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public long AuditSeq { get; set; }
}
