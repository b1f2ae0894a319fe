namespace EcgBridge.Formats.Muse;

/// <summary>Stable codes for GE MUSE RestingECG XML files (docs/error-codes.md). Codes are never reused.</summary>
public static class MuseCodes
{
    /// <summary>No Waveform of the wanted type (Rhythm, or the profile's waveformType).</summary>
    public const string WaveformMissing = "MUSE-WAVEFORM-MISSING";

    /// <summary>The file holds only the median beat (no Rhythm waveform): not a 10 s ECG.</summary>
    public const string MedianOnly = "MUSE-MEDIAN-ONLY";

    /// <summary>SampleBase missing, not a number, or not positive.</summary>
    public const string SampleRateInvalid = "MUSE-SAMPLE-RATE-INVALID";

    /// <summary>WaveFormData is not valid Base64 (truncated, stray characters); location names the lead.</summary>
    public const string DataInvalid = "MUSE-DATA-INVALID";

    /// <summary>The decoded bytes do not match LeadSampleCountTotal / LeadByteCountTotal, or are not whole int16 samples.</summary>
    public const string LengthMismatch = "MUSE-LENGTH-MISMATCH";

    /// <summary>LeadDataCRC32 does not match the decoded bytes.</summary>
    public const string CrcMismatch = "MUSE-CRC-MISMATCH";

    /// <summary>LeadAmplitudeUnitsPerBit missing or not a positive number.</summary>
    public const string ScaleInvalid = "MUSE-SCALE-INVALID";

    /// <summary>LeadAmplitudeUnits is missing or not a voltage unit.</summary>
    public const string UnitsUnknown = "MUSE-UNITS-UNKNOWN";

    /// <summary>LeadSampleSize other than 2 bytes.</summary>
    public const string SampleSizeUnsupported = "MUSE-SAMPLE-SIZE-UNSUPPORTED";
}
