using System.Buffers;

namespace EcgBridge.Host.Mllp;

/// <summary>MLLP envelope: VT (0x0B) message FS (0x1C) CR (0x0D).</summary>
internal static class MllpFraming
{
    public const byte StartBlock = 0x0B;
    public const byte EndBlock = 0x1C;
    public const byte CarriageReturn = 0x0D;

    /// <summary>Status of <see cref="TryReadFrame"/>.</summary>
    public enum FrameStatus
    {
        NeedMoreData,
        Frame,
        TooLarge,
    }

    /// <summary>
    /// Finds one complete frame in <paramref name="buffer"/>. Bytes before a start block (line noise, keep-alives) are
    /// skipped. On <see cref="FrameStatus.Frame"/>, <paramref name="message"/> is the content and <paramref name="consumed"/>
    /// the position after the trailing CR.
    /// </summary>
    public static FrameStatus TryReadFrame(ReadOnlySequence<byte> buffer, int maxFrameBytes, out ReadOnlySequence<byte> message, out SequencePosition consumed, out bool inFrame)
    {
        var reader = new SequenceReader<byte>(buffer);
        message = default;
        inFrame = false;
        if (!reader.TryAdvanceTo(StartBlock, advancePastDelimiter: false))
        {
            consumed = buffer.End;
            return FrameStatus.NeedMoreData;
        }

        inFrame = true;
        consumed = reader.Position;
        reader.Advance(1);
        SequencePosition start = reader.Position;
        while (reader.TryAdvanceTo(EndBlock, advancePastDelimiter: false))
        {
            SequencePosition end = reader.Position;
            reader.Advance(1);
            if (!reader.TryPeek(out byte next))
            {
                break;
            }

            if (next == CarriageReturn)
            {
                ReadOnlySequence<byte> content = buffer.Slice(start, end);
                reader.Advance(1);
                message = content;
                consumed = reader.Position;
                return content.Length > maxFrameBytes ? FrameStatus.TooLarge : FrameStatus.Frame;
            }
        }

        // Start position stays unconsumed so the next read sees the whole frame; its size so far bounds the buffer.
        return buffer.Slice(start).Length > maxFrameBytes ? FrameStatus.TooLarge : FrameStatus.NeedMoreData;
    }

    /// <summary>Wraps an ACK in the MLLP envelope.</summary>
    public static byte[] Wrap(ReadOnlySpan<byte> message)
    {
        byte[] framed = new byte[message.Length + 3];
        framed[0] = StartBlock;
        message.CopyTo(framed.AsSpan(1));
        framed[^2] = EndBlock;
        framed[^1] = CarriageReturn;
        return framed;
    }
}
