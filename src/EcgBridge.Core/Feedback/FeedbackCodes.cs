namespace EcgBridge.Core.Feedback;

/// <summary>Codes of refused outcome feedback (docs/error-codes.md).</summary>
public static class FeedbackCodes
{
    /// <summary>The feedback names no RiskAssessment (Condition.evidence.detail, Observation.derivedFrom/focus, CDS card).</summary>
    public const string ReferenceMissing = "FEEDBACK-REFERENCE-MISSING";

    /// <summary>The RiskAssessment it names was never issued here.</summary>
    public const string RiskAssessmentUnknown = "FEEDBACK-RISKASSESSMENT-UNKNOWN";

    /// <summary>The feedback's subject is not the RiskAssessment's subject.</summary>
    public const string SubjectMismatch = "FEEDBACK-SUBJECT-MISMATCH";

    /// <summary>A Condition or Observation without a subject.</summary>
    public const string SubjectMissing = "FEEDBACK-SUBJECT-MISSING";

    /// <summary>The same feedback (same sender and id/identifier, or the same CDS card response) was recorded before.</summary>
    public const string Duplicate = "FEEDBACK-DUPLICATE";

    /// <summary>The finding's code is not one of the configured occlusion-MI codes.</summary>
    public const string CodeUnknown = "FEEDBACK-CODE-UNKNOWN";

    /// <summary>A Condition neither confirmed nor refuted, or an Observation not final, or without a positive/negative value.</summary>
    public const string NotConclusive = "FEEDBACK-NOT-CONCLUSIVE";

    /// <summary>The body is not a Condition, an Observation or CDS Hooks feedback this endpoint reads.</summary>
    public const string Unreadable = "FEEDBACK-UNREADABLE";
}
