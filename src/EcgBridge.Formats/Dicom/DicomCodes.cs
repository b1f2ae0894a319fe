namespace EcgBridge.Formats.Dicom;

/// <summary>Stable codes for DICOM ECG waveform files (docs/error-codes.md). Codes are never reused.</summary>
public static class DicomCodes
{
    /// <summary>No 128-byte preamble followed by "DICM": not a DICOM Part 10 file.</summary>
    public const string NotPart10 = "DICOM-NOT-PART10";

    /// <summary>The file meta group (0002) or its Transfer Syntax UID (0002,0010) is missing.</summary>
    public const string MetaMissing = "DICOM-META-MISSING";

    /// <summary>A transfer syntax other than implicit or explicit VR little endian (compressed, deflated, big endian).</summary>
    public const string TransferSyntaxUnsupported = "DICOM-TRANSFER-SYNTAX-UNSUPPORTED";

    /// <summary>The SOP class (0008,0016) is not 12-Lead ECG or General ECG Waveform Storage.</summary>
    public const string SopClassUnsupported = "DICOM-SOP-CLASS-UNSUPPORTED";

    /// <summary>No Waveform Sequence (5400,0100).</summary>
    public const string WaveformMissing = "DICOM-WAVEFORM-MISSING";

    /// <summary>No multiplex group labelled RHYTHM (or the profile's multiplexGroup): median beats only.</summary>
    public const string RhythmMissing = "DICOM-RHYTHM-MISSING";

    /// <summary>Bits allocated other than 16, or a sample interpretation other than SS (signed 16-bit).</summary>
    public const string SampleFormatUnsupported = "DICOM-SAMPLE-FORMAT-UNSUPPORTED";

    /// <summary>An element's length runs past the end of its container (a lying length); location names the tag.</summary>
    public const string LengthBeyondEnd = "DICOM-LENGTH-BEYOND-END";

    /// <summary>Waveform Data's length is not channels × samples × 2.</summary>
    public const string DataLengthMismatch = "DICOM-DATA-LENGTH-MISMATCH";

    /// <summary>Channels, samples or sampling frequency missing, zero or not a number.</summary>
    public const string GroupInvalid = "DICOM-GROUP-INVALID";

    /// <summary>A channel's source code maps to no lead (warning; the channel is skipped).</summary>
    public const string ChannelSourceUnknown = "DICOM-CHANNEL-SOURCE-UNKNOWN";

    /// <summary>A channel's sensitivity or its units are missing or not a voltage.</summary>
    public const string SensitivityInvalid = "DICOM-SENSITIVITY-INVALID";

    /// <summary>Sequences nest deeper than the reader allows.</summary>
    public const string TooDeep = "DICOM-TOO-DEEP";
}
