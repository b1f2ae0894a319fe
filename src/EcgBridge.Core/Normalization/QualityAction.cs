namespace EcgBridge.Core.Normalization;

/// <summary>What the quality gate does with a finding.</summary>
public enum QualityAction
{
    /// <summary>Reject the ECG (error issue).</summary>
    Reject = 0,

    /// <summary>Score it but record the finding (warning issue).</summary>
    Flag = 1,
}
