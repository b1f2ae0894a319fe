using System.Buffers;

namespace EcgBridge.Hl7v2.Mllp;

/// <summary>
/// Incremental MLLP decoding over buffered bytes (no I/O): call <see cref="TryDecode"/> with everything buffered so far;
/// it consumes what it used and reports a frame, a discard, or the end. Keeps state between calls (one per connection).
/// Whitespace between frames is ignored; a missing CR after FS is tolerated.
/// </summary>
public sealed class MllpFrameDecoder
{
    private readonly int _maxFrameBytes;
    private bool _skippingOversizeFrame;

    /// <summary>Creates a decoder with a maximum payload size.</summary>
    public MllpFrameDecoder(int maxFrameBytes = MllpFraming.DefaultMaxFrameBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFrameBytes);
        _maxFrameBytes = maxFrameBytes;
    }

    /// <summary>
    /// True after <see cref="TryDecode"/> returned false with part of a frame buffered (or an oversize frame being
    /// skipped): the caller's per-frame timeout applies.
    /// </summary>
    public bool IsInsideFrame { get; private set; }

    /// <summary>
    /// Decodes from <paramref name="buffer"/>, moving its start past consumed bytes. False: more data is needed (the
    /// rest of the buffer was examined). <paramref name="isCompleted"/>: no more data will come.
    /// </summary>
    public bool TryDecode(ref ReadOnlySequence<byte> buffer, bool isCompleted, out MllpReadResult result)
    {
        bool decoded = Decode(ref buffer, isCompleted, out result);
        IsInsideFrame = !decoded && (_skippingOversizeFrame || !buffer.IsEmpty);
        return decoded;
    }

    private bool Decode(ref ReadOnlySequence<byte> buffer, bool isCompleted, out MllpReadResult result)
    {
        result = default;
        while (true)
        {
            if (_skippingOversizeFrame)
            {
                SequencePosition? end = buffer.PositionOf(MllpFraming.EndBlock);
                if (end is null)
                {
                    buffer = buffer.Slice(buffer.End);
                    if (isCompleted)
                    {
                        _skippingOversizeFrame = false;
                        result = MllpReadResult.End;
                        return true;
                    }

                    return false;
                }

                buffer = buffer.Slice(buffer.GetPosition(1, end.Value));
                _skippingOversizeFrame = false;
                SkipCarriageReturn(ref buffer);
                continue;
            }

            var reader = new SequenceReader<byte>(buffer);
            reader.AdvancePastAny((byte)'\r', (byte)'\n', (byte)' ', (byte)'\t');
            if (reader.End)
            {
                buffer = buffer.Slice(buffer.End);
                if (isCompleted)
                {
                    result = MllpReadResult.End;
                    return true;
                }

                return false;
            }

            if (reader.CurrentSpan[reader.CurrentSpanIndex] != MllpFraming.StartBlock)
            {
                // Garbage: drop it up to the next start block (or all of it) and say so once.
                if (reader.TryAdvanceTo(MllpFraming.StartBlock, advancePastDelimiter: false))
                {
                    buffer = buffer.Slice(reader.Position);
                }
                else
                {
                    buffer = buffer.Slice(buffer.End);
                }

                result = MllpReadResult.ForDiscard(Hl7Codes.MllpBytesOutsideFrame);
                return true;
            }

            buffer = buffer.Slice(reader.Position);
            ReadOnlySequence<byte> payloadAndRest = buffer.Slice(1);
            SequencePosition? endBlock = payloadAndRest.PositionOf(MllpFraming.EndBlock);
            if (endBlock is null)
            {
                if (payloadAndRest.Length > _maxFrameBytes)
                {
                    buffer = buffer.Slice(buffer.End);
                    _skippingOversizeFrame = !isCompleted;
                    result = MllpReadResult.ForDiscard(Hl7Codes.MllpFrameTooLarge);
                    return true;
                }

                if (isCompleted)
                {
                    buffer = buffer.Slice(buffer.End);
                    result = MllpReadResult.ForDiscard(Hl7Codes.MllpFrameUnterminated);
                    return true;
                }

                return false;
            }

            ReadOnlySequence<byte> payload = payloadAndRest.Slice(0, endBlock.Value);
            ReadOnlySequence<byte> afterEnd = payloadAndRest.Slice(payloadAndRest.GetPosition(1, endBlock.Value));
            if (afterEnd.IsEmpty && !isCompleted)
            {
                // Wait for the CR so it is not mistaken for garbage before the next frame.
                return false;
            }

            buffer = afterEnd;
            SkipCarriageReturn(ref buffer);
            if (payload.Length > _maxFrameBytes)
            {
                result = MllpReadResult.ForDiscard(Hl7Codes.MllpFrameTooLarge);
                return true;
            }

            result = MllpReadResult.ForFrame(payload.ToArray());
            return true;
        }
    }

    private static void SkipCarriageReturn(ref ReadOnlySequence<byte> buffer)
    {
        if (!buffer.IsEmpty && buffer.FirstSpan[0] == MllpFraming.CarriageReturn)
        {
            buffer = buffer.Slice(1);
        }
    }
}
