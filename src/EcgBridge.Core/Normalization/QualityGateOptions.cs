namespace EcgBridge.Core.Normalization;

/// <summary>Quality gate thresholds and actions (manifest <c>preprocessing.quality</c>).</summary>
public sealed record QualityGateOptions
{
    /// <summary>A lead whose peak-to-peak amplitude (source rate, before filtering) is below this is flat.</summary>
    public double FlatPeakToPeakMillivolts { get; init; } = 0.02;

    /// <summary>|x| above this after baseline removal is implausible.</summary>
    public double MaxAbsMillivolts { get; init; } = 10.0;

    /// <summary>A run of at least this many seconds at a data-range limit counts as lead-off/saturation.</summary>
    public double SaturationRunSeconds { get; init; } = 0.1;

    public QualityAction Flat { get; init; } = QualityAction.Reject;

    public QualityAction Saturation { get; init; } = QualityAction.Reject;

    public QualityAction Implausible { get; init; } = QualityAction.Reject;

    public QualityAction InvalidSamples { get; init; } = QualityAction.Reject;

    public QualityAction Duplicate { get; init; } = QualityAction.Reject;
}
