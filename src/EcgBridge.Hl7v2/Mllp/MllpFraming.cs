namespace EcgBridge.Hl7v2.Mllp;

/// <summary>MLLP framing bytes: VT (0x0B) starts a frame, FS (0x1C) CR (0x0D) ends it.</summary>
public static class MllpFraming
{
    /// <summary>Start block.</summary>
    public const byte StartBlock = 0x0B;

    /// <summary>End block.</summary>
    public const byte EndBlock = 0x1C;

    /// <summary>Carriage return after the end block.</summary>
    public const byte CarriageReturn = 0x0D;

    /// <summary>Default largest accepted frame (16 MiB, the reader's default message limit).</summary>
    public const int DefaultMaxFrameBytes = 16 * 1024 * 1024;
}
