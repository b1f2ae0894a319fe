using System.IO.Pipelines;

namespace EcgBridge.Hl7v2.Mllp;

/// <summary>Writes MLLP frames: VT, payload, FS, CR.</summary>
public static class MllpFrameWriter
{
    /// <summary>Writes one frame and flushes.</summary>
    public static async ValueTask WriteFrameAsync(PipeWriter writer, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Write(writer, payload.Span);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes one frame into the writer's buffer without flushing.</summary>
    public static void Write(PipeWriter writer, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> span = writer.GetSpan(payload.Length + 3);
        span[0] = MllpFraming.StartBlock;
        payload.CopyTo(span[1..]);
        span[payload.Length + 1] = MllpFraming.EndBlock;
        span[payload.Length + 2] = MllpFraming.CarriageReturn;
        writer.Advance(payload.Length + 3);
    }

    /// <summary>The framed bytes of one payload.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> payload)
    {
        byte[] framed = new byte[payload.Length + 3];
        Frame(payload, framed);
        return framed;
    }

    /// <summary>Frames <paramref name="payload"/> into <paramref name="destination"/> (at least 3 bytes longer); returns the frame's length.</summary>
    public static int Frame(ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        int length = payload.Length + 3;
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, length, nameof(destination));
        destination[0] = MllpFraming.StartBlock;
        payload.CopyTo(destination[1..]);
        destination[length - 2] = MllpFraming.EndBlock;
        destination[length - 1] = MllpFraming.CarriageReturn;
        return length;
    }
}
