namespace EcgBridge.Pipeline.Score;

/// <summary>Where the scoring step routes a result besides the bus event: what the deployment configured.</summary>
public sealed record ResultRouting
{
    /// <summary>True when an EHR FHIR server is configured: each RiskAssessment gets an EHR outbox row.</summary>
    public bool DeliverToEhr { get; init; }
}
