namespace EcgBridge.Hl7v2.Mllp;

/// <summary>What one MLLP read produced.</summary>
public enum MllpReadStatus
{
    /// <summary>A complete frame; its payload is in <see cref="MllpReadResult.Frame"/>.</summary>
    Frame = 0,

    /// <summary>Bytes were discarded (garbage outside frames, an oversize or unterminated frame); see the code.</summary>
    Discarded = 1,

    /// <summary>The peer closed the stream between frames.</summary>
    EndOfStream = 2,
}
