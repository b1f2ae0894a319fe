namespace EcgBridge.Core.Audit;

/// <summary>What an audit row records about a message. A message usually has an Accepted row, then a Scored or Failed row.</summary>
public enum AuditOutcome
{
    /// <summary>Durable in the inbox; the sender was (or will be) answered AA / 201.</summary>
    Accepted = 0,

    /// <summary>Scored; the RiskAssessment and its deliveries are recorded.</summary>
    Scored = 1,

    /// <summary>Refused at decode or the quality gate; the sender was answered AE/AR or an OperationOutcome.</summary>
    Rejected = 2,

    /// <summary>A resend of a message already in the inbox; the sender got the first answer again.</summary>
    Duplicate = 3,

    /// <summary>Accepted, then failed after acceptance (for example the model could not run).</summary>
    Failed = 4,

    /// <summary>
    /// A shadow model's score of an accepted ECG (issue 17): recorded in the same chain as the message, never delivered
    /// or served as a result; one per message and shadow model.
    /// </summary>
    ShadowScored = 5,

    /// <summary>
    /// Outcome feedback about the message's RiskAssessment (a confirmed diagnosis or a clinician's response), recorded in
    /// the message's chain; refused feedback is a <see cref="Rejected"/> row with its FEEDBACK- code.
    /// </summary>
    OutcomeRecorded = 6,
}
