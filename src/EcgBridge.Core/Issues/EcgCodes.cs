namespace EcgBridge.Core.Issues;

/// <summary>
/// Stable codes for ECG content and normalization problems (docs/error-codes.md). Codes are never reused;
/// a retired code stays here marked obsolete.
/// </summary>
public static class EcgCodes
{
    /// <summary>A required lead is absent and cannot be derived; location names the lead.</summary>
    public const string LeadsMissing = "ECG-LEADS-MISSING";

    /// <summary>The same standard lead appears twice, or two leads carry identical samples.</summary>
    public const string LeadDuplicate = "ECG-LEAD-DUPLICATE";

    /// <summary>A lead label could not be mapped to a standard lead (warning: the lead is ignored).</summary>
    public const string LeadUnknown = "ECG-LEAD-UNKNOWN";

    /// <summary>A lead label and its code disagree (for example 131329 labelled MDC_ECG_LEAD_I); the profile wins.</summary>
    public const string LeadLabelMismatch = "ECG-LEAD-LABEL-MISMATCH";

    /// <summary>Leads have different sample counts.</summary>
    public const string LeadLengthMismatch = "ECG-LEAD-LENGTH-MISMATCH";

    /// <summary>The recording is shorter than the manifest's minimum duration.</summary>
    public const string TooShort = "ECG-TOO-SHORT";

    /// <summary>The sample rate is missing, non-positive or outside the supported range.</summary>
    public const string SampleRateUnsupported = "ECG-RATE-UNSUPPORTED";

    /// <summary>The unit of a lead is unknown or not a voltage.</summary>
    public const string UnitUnsupported = "ECG-UNIT-UNSUPPORTED";

    /// <summary>A lead's peak-to-peak amplitude is below the flat-line threshold.</summary>
    public const string LeadFlat = "ECG-LEAD-FLAT";

    /// <summary>A lead sits at its data-range limit for a run of samples (lead-off or saturation).</summary>
    public const string LeadSaturated = "ECG-LEAD-SATURATED";

    /// <summary>A lead exceeds the plausible amplitude after baseline removal.</summary>
    public const string AmplitudeImplausible = "ECG-AMPLITUDE-IMPLAUSIBLE";

    /// <summary>A lead has non-finite or invalid (E/L/U) samples.</summary>
    public const string SampleInvalid = "ECG-SAMPLE-INVALID";

    /// <summary>The preprocessing parameters are not supported by this build (a manifest/code mismatch).</summary>
    public const string PreprocessingUnsupported = "ECG-PREPROCESSING-UNSUPPORTED";
}
