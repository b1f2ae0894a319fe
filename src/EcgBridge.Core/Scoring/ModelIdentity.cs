namespace EcgBridge.Core.Scoring;

/// <summary>Which model produced a prediction: recorded in every audit row and RiskAssessment.</summary>
public sealed record ModelIdentity(string Name, string Version, string Sha256, string PreprocessingVersion)
{
    /// <summary>True when the weights are a demo/untrained model, not for clinical use.</summary>
    public bool NotForClinicalUse { get; init; }

    /// <summary>True when the model runs in shadow mode (RiskAssessment status preliminary).</summary>
    public bool Shadow { get; init; }

    /// <summary>Intended-use statement from the manifest (rationale text).</summary>
    public string IntendedUse { get; init; } = "";
}
