namespace EcgBridge.Hl7v2.Mllp;

/// <summary>One MLLP read: a frame payload (without VT, FS, CR; owned by the caller), a discard with its code, or the end.</summary>
public readonly record struct MllpReadResult(MllpReadStatus Status, ReadOnlyMemory<byte> Frame, string? Code)
{
    /// <summary>A frame.</summary>
    public static MllpReadResult ForFrame(ReadOnlyMemory<byte> frame) => new(MllpReadStatus.Frame, frame, null);

    /// <summary>Discarded bytes with a code from <see cref="Hl7Codes"/>.</summary>
    public static MllpReadResult ForDiscard(string code) => new(MllpReadStatus.Discarded, ReadOnlyMemory<byte>.Empty, code);

    /// <summary>End of stream.</summary>
    public static MllpReadResult End { get; } = new(MllpReadStatus.EndOfStream, ReadOnlyMemory<byte>.Empty, null);
}
