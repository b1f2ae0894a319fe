namespace EcgBridge.Core.Audit;

/// <summary>Well-known outbox kinds. Kinds are stored as text; new ones need no migration.</summary>
public static class OutboxKinds
{
    /// <summary>Conditional create of the RiskAssessment JSON at the EHR FHIR server.</summary>
    public const string EhrRiskAssessment = "ehr-riskassessment";

    /// <summary>Publish the RiskAssessed bus event (payload: the event JSON).</summary>
    public const string BusRiskAssessed = "bus-riskassessed";

    /// <summary>The RiskAssessment JSON written to a watched folder's results folder (payload: <see cref="FolderResult"/> JSON).</summary>
    public const string FolderRiskAssessment = "folder-riskassessment";

    /// <summary>ORU^R01 with the score to a configured HL7 v2 destination (payload: <see cref="Hl7OruDelivery"/> JSON).</summary>
    public const string Hl7Oru = "hl7-oru";

    /// <summary>ORU^R01 with the score back to the sender.</summary>
    public const string SenderOru = "sender-oru";
}
