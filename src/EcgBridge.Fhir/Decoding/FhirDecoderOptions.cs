namespace EcgBridge.Fhir.Decoding;

/// <summary>Limits applied before and while parsing a FHIR body. Bodies beyond them are refused with a code.</summary>
public sealed record FhirDecoderOptions
{
    /// <summary>Largest accepted body in bytes (a 12-lead 10 s 500 Hz Observation is about 0.4 MB).</summary>
    public int MaxBodyBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Deepest accepted nesting of JSON objects/arrays or XML elements.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Most ECG Observations accepted in one Bundle.</summary>
    public int MaxObservations { get; init; } = 100;

    /// <summary>
    /// Validate each body with Firely's validator against the R4 base definitions (and any <c>meta.profile</c> it can
    /// resolve) before decoding; errors refuse it with FHIR-INSTANCE-INVALID naming each FHIRPath. Off by default: it
    /// costs tens of milliseconds per 12-lead Observation (docs/benchmarks.md).
    /// </summary>
    public bool ValidateProfile { get; init; }

    /// <summary>The defaults.</summary>
    public static FhirDecoderOptions Default { get; } = new();
}
