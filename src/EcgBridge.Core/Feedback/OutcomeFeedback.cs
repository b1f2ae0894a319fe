namespace EcgBridge.Core.Feedback;

/// <summary>
/// A confirmed diagnosis or a clinician's response about one RiskAssessment (issue 17 "outcome feedback"): what
/// <c>models compare</c> uses for AUC, calibration and Brier score. Carries no patient identifier, only the subject in the
/// RiskAssessment's search-key form for the check.
/// </summary>
public sealed record OutcomeFeedback
{
    /// <summary>How it came in.</summary>
    public required FeedbackKind Kind { get; init; }

    /// <summary>Identifies this feedback for duplicate detection: kind, sender and the feedback's own id or identifier.</summary>
    public required string Key { get; init; }

    /// <summary>The RiskAssessment the feedback is about (its logical id).</summary>
    public required string RiskAssessmentId { get; init; }

    /// <summary>
    /// The feedback's subject as the RiskAssessment's search key (<c>Patient/123</c> or <c>system|value</c>); null when
    /// the form carries none (CDS Hooks feedback), and then not checked.
    /// </summary>
    public string? Subject { get; init; }

    /// <summary>True: occlusion MI confirmed; false: ruled out; null: no diagnosis (a clinician response only).</summary>
    public bool? Confirmed { get; init; }

    /// <summary>CDS Hooks outcome: <c>accepted</c> or <c>overridden</c>; null for a diagnosis.</summary>
    public string? Response { get; init; }

    /// <summary>The finding's code as <c>system|code</c>, or the override reason's.</summary>
    public string? Finding { get; init; }

    /// <summary>When the diagnosis was made or the clinician responded, as the sender says.</summary>
    public DateTimeOffset? OccurredAt { get; init; }
}

/// <summary>Where outcome feedback came from.</summary>
public enum FeedbackKind
{
    /// <summary>A FHIR Condition whose evidence references the RiskAssessment.</summary>
    Condition = 0,

    /// <summary>A FHIR Observation (for example a catheterisation finding) derived from the RiskAssessment.</summary>
    Observation = 1,

    /// <summary>CDS Hooks-style feedback on the card (the RiskAssessment): accepted or overridden.</summary>
    CdsHooks = 2,

    /// <summary>An HL7 v2 result (ORU^R01) for the ECG's order.</summary>
    Hl7Result = 3,
}

/// <summary>What the store did with a feedback: recorded (with the audit row and the matched ECG) or refused with a code.</summary>
public sealed record FeedbackResult(long AuditSequence, string? ErrorCode, string? Detail)
{
    /// <summary>Recorded and matched.</summary>
    public bool Recorded => ErrorCode is null;
}

/// <summary>One recorded feedback as <c>models compare</c> reads it: the ECG (dedupe key) and what is known of it.</summary>
public sealed record OutcomeLabel(string DedupeKey, string RiskAssessmentId, FeedbackKind Kind, bool? Confirmed, string? Response, DateTimeOffset ReceivedAt);

/// <summary>Stores outcome feedback with its audit row, in one transaction, and reads it back for evaluation.</summary>
public interface IOutcomeFeedbackStore
{
    /// <summary>
    /// Matches <paramref name="feedback"/> to its RiskAssessment, checks the subject and duplicates, and records it with
    /// an <c>outcome-recorded</c> audit row in the ECG's chain; or records a <c>rejected</c> audit row with the code
    /// (<see cref="FeedbackCodes"/>) and returns it.
    /// </summary>
    Task<FeedbackResult> RecordFeedbackAsync(Audit.AuditRecord record, OutcomeFeedback feedback, CancellationToken cancellationToken);

    /// <summary>Records a <c>rejected</c> audit row for feedback refused before it could be matched (record.ErrorCodes).</summary>
    Task<FeedbackResult> RecordFeedbackRefusedAsync(Audit.AuditRecord record, CancellationToken cancellationToken);

    /// <summary>The RiskAssessments of the ECGs of an order (HL7 v2 results name the order, not the RiskAssessment).</summary>
    Task<IReadOnlyList<string>> FindRiskAssessmentsByOrderAsync(string orderId, CancellationToken cancellationToken);

    /// <summary>Every recorded feedback, oldest first.</summary>
    Task<IReadOnlyList<OutcomeLabel>> ReadOutcomesAsync(CancellationToken cancellationToken);
}
