namespace EcgBridge.Hl7v2;

/// <summary>Limits the reader enforces; exceeding one gives a code, never an exception.</summary>
public sealed record Hl7ReaderOptions
{
    /// <summary>Largest accepted message in bytes (a 12-lead 10 s 500 Hz PCD-01 ORU is about 0.4 MB).</summary>
    public int MaxMessageBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Most segments in one message.</summary>
    public int MaxSegments { get; init; } = 10_000;

    /// <summary>Longest segment in bytes; bounds every field (a multiplexed MA OBX holds a whole recording).</summary>
    public int MaxSegmentBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Longest escape sequence between escape characters (hex \X..\ sequences included).</summary>
    public int MaxEscapeSequenceLength { get; init; } = 256;

    /// <summary>The defaults.</summary>
    public static Hl7ReaderOptions Default { get; } = new();
}
