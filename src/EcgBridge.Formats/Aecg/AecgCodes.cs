namespace EcgBridge.Formats.Aecg;

/// <summary>Stable codes for HL7 aECG (HL7 v3 AnnotatedECG) files (docs/error-codes.md). Codes are never reused.</summary>
public static class AecgCodes
{
    /// <summary>No series coded RHYTHM (only representative beats, or none).</summary>
    public const string RhythmMissing = "AECG-RHYTHM-MISSING";

    /// <summary>No TIME_ABSOLUTE / TIME_RELATIVE sequence with a usable increment (missing, zero, unknown unit).</summary>
    public const string IncrementInvalid = "AECG-INCREMENT-INVALID";

    /// <summary>A lead sequence has a missing or non-numeric scale/origin, or a unit that is not a voltage.</summary>
    public const string ScaleInvalid = "AECG-SCALE-INVALID";

    /// <summary>A lead's digits are not integers separated by spaces.</summary>
    public const string DigitsInvalid = "AECG-DIGITS-INVALID";
}
