namespace EcgBridge.Core.Scoring;

/// <summary>Qualitative risk, coded in http://terminology.hl7.org/CodeSystem/risk-probability.</summary>
public enum RiskLevel
{
    Negligible = 0,
    Low = 1,
    Moderate = 2,
    High = 3,
}
