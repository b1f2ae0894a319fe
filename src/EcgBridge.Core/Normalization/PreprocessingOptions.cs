namespace EcgBridge.Core.Normalization;

/// <summary>
/// Parameters of normalization v1 (DESIGN.md "Normalization"). They live in the model's manifest.json under
/// <c>preprocessing</c>; the defaults here are the ones the shipped model was trained with.
/// </summary>
public sealed record PreprocessingOptions
{
    /// <summary>The preprocessing version this build implements.</summary>
    public const string CurrentVersion = "v1";

    /// <summary>Preprocessing version; only "v1" is implemented.</summary>
    public string Version { get; init; } = CurrentVersion;

    /// <summary>Model sample rate.</summary>
    public int SampleRateHz { get; init; } = 500;

    /// <summary>Window length in samples at the model rate (first N samples are taken).</summary>
    public int WindowSamples { get; init; } = EcgTensor.SampleCount;

    /// <summary>Shorter recordings are rejected (ECG-TOO-SHORT); between this and the window the tail is zero-padded.</summary>
    public double MinimumSeconds { get; init; } = 10.0;

    /// <summary>High-pass (baseline removal) cutoff in Hz; 0 disables it.</summary>
    public double HighPassCutoffHz { get; init; } = 0.5;

    /// <summary>Butterworth order of the high-pass, applied forward and backward (zero phase).</summary>
    public int HighPassOrder { get; init; } = 2;

    /// <summary>Optional mains notch frequency (50 or 60 Hz) per site; null disables it.</summary>
    public double? NotchHz { get; init; }

    /// <summary>Quality factor of the notch.</summary>
    public double NotchQuality { get; init; } = 30.0;

    /// <summary>Multiplier applied last (model scaling); 1 = mV as is.</summary>
    public double Scale { get; init; } = 1.0;

    /// <summary>Quality gate settings.</summary>
    public QualityGateOptions Quality { get; init; } = new();

    /// <summary>The defaults (preprocessing v1 as shipped).</summary>
    public static PreprocessingOptions Default { get; } = new();
}
