namespace EcgBridge.Core.Scoring;

/// <summary>Manifest decision thresholds: probability at or above each bound gives that level.</summary>
public sealed record RiskThresholds
{
    public double Low { get; init; } = 0.05;

    public double Moderate { get; init; } = 0.2;

    public double High { get; init; } = 0.5;

    /// <summary>Probability at or above which the ECG is called positive (OMI).</summary>
    public double Positive { get; init; } = 0.5;

    /// <summary>Maps a probability to a qualitative risk.</summary>
    public RiskLevel Classify(double probability) =>
        probability >= High ? RiskLevel.High
        : probability >= Moderate ? RiskLevel.Moderate
        : probability >= Low ? RiskLevel.Low
        : RiskLevel.Negligible;

    /// <summary>The risk-probability code for a level.</summary>
    public static string Code(RiskLevel level) => level switch
    {
        RiskLevel.Negligible => "negligible",
        RiskLevel.Low => "low",
        RiskLevel.Moderate => "moderate",
        _ => "high",
    };
}
