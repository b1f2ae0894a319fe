using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EcgBridge.Core.Telemetry;

/// <summary>
/// The one <see cref="System.Diagnostics.ActivitySource"/> and the one <see cref="System.Diagnostics.Metrics.Meter"/> of
/// EcgBridge, shared by every adapter (both from the BCL, so Core still needs no package). Tags carry codes, channels,
/// counts and ids, never patient data: see docs/telemetry.md.
/// </summary>
public static class EcgBridgeDiagnostics
{
    /// <summary>Name of the activity source and of the meter (what an OpenTelemetry pipeline subscribes to).</summary>
    public const string Name = "EcgBridge";

    /// <summary>Spans of the pipeline steps.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name);

    /// <summary>Counters, histograms and gauges of the pipeline.</summary>
    public static Meter Meter { get; } = new(Name);
}
