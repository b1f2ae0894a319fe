namespace EcgBridge.Fhir.Outputs;

/// <summary>How <see cref="EcgObservationBuilder"/> writes an ECG Observation.</summary>
public sealed record EcgObservationOptions
{
    /// <summary>Write the samples (SampledData.data); false writes the leads' metadata only.</summary>
    public bool IncludeSamples { get; init; } = true;

    /// <summary>One valueSampledData with dimensions = number of leads (interleaved) instead of one component per lead.</summary>
    public bool Interleaved { get; init; }

    /// <summary>
    /// mV per data unit (SampledData.factor); samples are rounded to it. Null writes full-precision decimals with factor 1.
    /// The default 0.001 (1 µV) keeps every 12-bit/16-bit ECG at or above 1 µV resolution exact.
    /// </summary>
    public double? ResolutionMillivolts { get; init; } = 0.001;

    /// <summary>
    /// Dedupe key of the source message; when given, the Observation's id and identifier are derived from it so a retry
    /// describes the same resource.
    /// </summary>
    public string? DedupeKey { get; init; }

    /// <summary>The defaults: component per lead, samples at 1 µV.</summary>
    public static EcgObservationOptions Default { get; } = new();
}
