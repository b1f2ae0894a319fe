namespace EcgBridge.Hl7v2;

/// <summary>
/// Stable codes for HL7 v2 and MLLP problems (docs/error-codes.md). Codes are never reused; a retired code stays here
/// marked obsolete. Each maps to an HL7 table 0357 code and an ACK class in <see cref="Acknowledgments.Hl7ErrorTable"/>.
/// </summary>
public static class Hl7Codes
{
    /// <summary>The message is empty or holds only whitespace.</summary>
    public const string MessageEmpty = "HL7-MESSAGE-EMPTY";

    /// <summary>The message is larger than the configured limit.</summary>
    public const string MessageTooLarge = "HL7-MESSAGE-TOO-LARGE";

    /// <summary>The message holds control bytes other than CR, LF and TAB (binary content, MLLP bytes left in).</summary>
    public const string MessageBinary = "HL7-MESSAGE-BINARY";

    /// <summary>The message has more segments than the configured limit.</summary>
    public const string TooManySegments = "HL7-MESSAGE-TOO-MANY-SEGMENTS";

    /// <summary>The message does not start with an MSH segment (after FHS/BHS batch headers).</summary>
    public const string MshMissing = "HL7-MSH-MISSING";

    /// <summary>MSH ends before its encoding characters or before a required field (MSH-9, MSH-10, MSH-12).</summary>
    public const string MshTruncated = "HL7-MSH-TRUNCATED";

    /// <summary>MSH-1/MSH-2 encoding characters are missing, duplicated, alphanumeric or line ends.</summary>
    public const string EncodingCharactersInvalid = "HL7-MSH-ENCODING-INVALID";

    /// <summary>A required MSH field (MSH-9, MSH-10, MSH-11, MSH-12) is empty; location names the field.</summary>
    public const string MshFieldMissing = "HL7-MSH-FIELD-MISSING";

    /// <summary>MSH-12 names a version this reader does not support.</summary>
    public const string VersionUnsupported = "HL7-VERSION-UNSUPPORTED";

    /// <summary>MSH-9.1 is not ORU (table 0357 code 200).</summary>
    public const string MessageTypeUnsupported = "HL7-MESSAGE-TYPE-UNSUPPORTED";

    /// <summary>MSH-9.2 is not R01 (table 0357 code 201).</summary>
    public const string EventUnsupported = "HL7-EVENT-UNSUPPORTED";

    /// <summary>MSH-18 names a character set this reader does not support.</summary>
    public const string CharacterSetUnsupported = "HL7-CHARSET-UNSUPPORTED";

    /// <summary>A segment id is not three upper-case letters or digits followed by the field separator.</summary>
    public const string SegmentIdInvalid = "HL7-SEGMENT-ID-INVALID";

    /// <summary>A segment is longer than the configured limit (bounds every field's length).</summary>
    public const string SegmentTooLong = "HL7-SEGMENT-TOO-LONG";

    /// <summary>An escape sequence is unterminated, too long or malformed; the text is kept literally (warning).</summary>
    public const string EscapeInvalid = "HL7-ESCAPE-INVALID";

    /// <summary>The input holds more than one message (batch or concatenation); only the first is processed (warning).</summary>
    public const string BatchExtraMessage = "HL7-BATCH-EXTRA-MESSAGE";

    /// <summary>The explicitly requested mapping profile does not exist.</summary>
    public const string ProfileUnknown = "HL7-PROFILE-UNKNOWN";

    /// <summary>No mapping profile fits the message (MSH-3/MSH-4/OBR-4).</summary>
    public const string ProfileNone = "HL7-PROFILE-NONE";

    /// <summary>The selected mapping profile drives a non-HL7 decoder.</summary>
    public const string ProfileFormatUnsupported = "HL7-PROFILE-FORMAT-UNSUPPORTED";

    /// <summary>The ORU carries no waveform OBX (not an ECG: numeric results, lab results, pulse oximetry).</summary>
    public const string WaveformMissing = "HL7-ORU-NO-WAVEFORM";

    /// <summary>A waveform sample is not a number; location <c>OBX[n]-5 lead X</c>.</summary>
    public const string SampleInvalid = "HL7-OBX-SAMPLE-INVALID";

    /// <summary>A waveform OBX has no samples.</summary>
    public const string SamplesEmpty = "HL7-OBX-SAMPLES-EMPTY";

    /// <summary>A lead has no sample rate (no MDC_ATTR_SAMP_RATE child OBX, no CD-5) and the profile gives no default.</summary>
    public const string SampleRateMissing = "HL7-OBX-SAMPLE-RATE-MISSING";

    /// <summary>A sample rate is not a positive number or its unit is not per second.</summary>
    public const string SampleRateInvalid = "HL7-OBX-SAMPLE-RATE-INVALID";

    /// <summary>Leads of one message have different sample rates.</summary>
    public const string SampleRateMismatch = "HL7-WAVEFORM-RATE-MISMATCH";

    /// <summary>A data range (MDC_ATTR_DATA_RANGE, CD-6) cannot be read; limits are ignored (warning).</summary>
    public const string DataRangeInvalid = "HL7-OBX-DATA-RANGE-INVALID";

    /// <summary>A chapter-7 channel definition (CD) is malformed.</summary>
    public const string ChannelDefinitionInvalid = "HL7-CD-INVALID";

    /// <summary>Chapter-7 waveform data (MA/NA) arrives without channel definitions (CD).</summary>
    public const string ChannelDefinitionMissing = "HL7-CD-MISSING";

    /// <summary>A multiplexed (MA) time point does not have one value per defined channel.</summary>
    public const string ChannelCountMismatch = "HL7-MA-CHANNEL-COUNT-MISMATCH";

    /// <summary>A date/time (OBR-7, TS) cannot be read; the acquisition time is left empty (warning).</summary>
    public const string DateTimeInvalid = "HL7-DATETIME-INVALID";

    /// <summary>MLLP: the stream ended inside a frame (no FS CR).</summary>
    public const string MllpFrameUnterminated = "HL7-MLLP-FRAME-UNTERMINATED";

    /// <summary>MLLP: bytes arrived outside a VT … FS CR frame; they were discarded.</summary>
    public const string MllpBytesOutsideFrame = "HL7-MLLP-BYTES-OUTSIDE-FRAME";

    /// <summary>MLLP: a frame is larger than the configured maximum; it was discarded.</summary>
    public const string MllpFrameTooLarge = "HL7-MLLP-FRAME-TOO-LARGE";

    /// <summary>An embedded-file profile was selected but the message has no OBX with OBX-2 = ED.</summary>
    public const string EmbeddedFileMissing = "HL7-ED-MISSING";

    /// <summary>OBX-5.4 (encoding) of the ED value is not Base64, Hex or A; location names the OBX.</summary>
    public const string EmbeddedEncodingUnsupported = "HL7-ED-ENCODING-UNSUPPORTED";

    /// <summary>The ED data is not valid Base64 / Hex (truncated, stray characters); location names the OBX.</summary>
    public const string EmbeddedDataInvalid = "HL7-ED-DATA-INVALID";

    /// <summary>The ED data is empty.</summary>
    public const string EmbeddedDataEmpty = "HL7-ED-DATA-EMPTY";

    /// <summary>The ED data is larger than the embedded-file limit.</summary>
    public const string EmbeddedDataTooLarge = "HL7-ED-DATA-TOO-LARGE";

    /// <summary>An embedded-file profile is in use but this build has no vendor-file decoder wired in (a bug).</summary>
    public const string EmbeddedDecoderMissing = "HL7-ED-DECODER-MISSING";

    /// <summary>
    /// A header or identifier field EcgBridge stores (MSH-3/4/5/6, MSH-10, PID-3.1) is over its limit (HD 227, MSH-10
    /// and CX.1 199 characters, as HL7 v2.5 sets them); location names the field. Answered AR; the value is not stored.
    /// </summary>
    public const string FieldTooLong = "HL7-FIELD-TOO-LONG";
}
