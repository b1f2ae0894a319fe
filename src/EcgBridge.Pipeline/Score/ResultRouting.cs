namespace EcgBridge.Pipeline.Score;

/// <summary>Where the scoring step routes a result besides the bus event: what the deployment configured.</summary>
public sealed record ResultRouting
{
    /// <summary>True when an EHR FHIR server is configured: each RiskAssessment gets an EHR outbox row.</summary>
    public bool DeliverToEhr { get; init; }

    /// <summary>HL7 v2 destinations: each gets an ORU^R01 per final (primary-model) result.</summary>
    public IReadOnlyList<Hl7ResultRoute> Hl7Destinations { get; init; } = [];
}
