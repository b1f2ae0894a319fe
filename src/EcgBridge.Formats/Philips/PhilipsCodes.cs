namespace EcgBridge.Formats.Philips;

/// <summary>Issue codes of the Philips XML decoder and its XLI decompressor.</summary>
public static class PhilipsCodes
{
    /// <summary>No parsedwaveforms element.</summary>
    public const string WaveformMissing = "PHILIPS-WAVEFORM-MISSING";

    /// <summary>samplingrate missing, zero or not a number.</summary>
    public const string SampleRateInvalid = "PHILIPS-SAMPLE-RATE-INVALID";

    /// <summary>resolution (µV per count) missing, zero or not a number.</summary>
    public const string ResolutionInvalid = "PHILIPS-RESOLUTION-INVALID";

    /// <summary>parsedwaveforms is not valid base64 (truncated or corrupt).</summary>
    public const string DataInvalid = "PHILIPS-DATA-INVALID";

    /// <summary>dataencoding or compression is one this decoder does not read.</summary>
    public const string EncodingUnsupported = "PHILIPS-ENCODING-UNSUPPORTED";

    /// <summary>A lead label that neither the profile aliases nor the catalog know (warning; the lead is ignored).</summary>
    public const string LeadUnknown = "PHILIPS-LEAD-UNKNOWN";

    /// <summary>A lead is shorter than the others.</summary>
    public const string LeadShort = "PHILIPS-LEAD-SHORT";

    /// <summary>The XLI stream ends inside a chunk header or chunk.</summary>
    public const string XliTruncated = "XLI-TRUNCATED";

    /// <summary>An XLI chunk decodes to fewer samples than durationperchannel requires, or holds an invalid code.</summary>
    public const string XliLengthWrong = "XLI-LENGTH-WRONG";


}
