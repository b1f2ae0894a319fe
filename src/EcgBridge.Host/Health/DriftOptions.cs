using System.ComponentModel.DataAnnotations;

namespace EcgBridge.Host.Health;

/// <summary>Drift monitoring of the score distribution (<c>EcgBridge:Drift</c>).</summary>
public sealed class DriftOptions
{
    public const string SectionName = "EcgBridge:Drift";

    /// <summary>Run the monitor (on by default).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the windows are compared.</summary>
    [Range(1, 86_400)]
    public int IntervalSeconds { get; set; } = 900;

    /// <summary>The current window: the last this many hours.</summary>
    [Range(1, 24 * 90)]
    public int WindowHours { get; set; } = 24;

    /// <summary>The reference window: this many days before the current window.</summary>
    [Range(1, 365)]
    public int ReferenceDays { get; set; } = 7;

    /// <summary>PSI above this is drift: <c>/health</c> says Degraded (not Unhealthy: the service still works).</summary>
    [Range(0.01, 10)]
    public double PsiThreshold { get; set; } = EcgBridge.Compliance.DriftAnalysis.DefaultThreshold;

    /// <summary>Fewer scored ECGs than this in either window: no PSI for that model and source.</summary>
    [Range(1, 1_000_000)]
    public int MinimumCount { get; set; } = EcgBridge.Compliance.DriftAnalysis.DefaultMinimumCount;
}
