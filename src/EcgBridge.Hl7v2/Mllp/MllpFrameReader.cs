using System.Buffers;
using System.IO.Pipelines;

namespace EcgBridge.Hl7v2.Mllp;

/// <summary>
/// Reads MLLP frames from a <see cref="PipeReader"/>, one call per frame, decoding incrementally across reads. Create
/// one per connection. Discards (garbage, oversize, unterminated) come back as results with codes, never exceptions.
/// </summary>
public sealed class MllpFrameReader
{
    private readonly MllpFrameDecoder _decoder;

    /// <summary>Creates a reader with a maximum frame payload size.</summary>
    public MllpFrameReader(int maxFrameBytes = MllpFraming.DefaultMaxFrameBytes)
    {
        _decoder = new MllpFrameDecoder(maxFrameBytes);
    }

    /// <summary>Reads the next frame, discard or end of stream.</summary>
    public async ValueTask<MllpReadResult> ReadFrameAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        while (true)
        {
            ReadResult read = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = read.Buffer;
            bool completed = read.IsCompleted || read.IsCanceled;
            if (_decoder.TryDecode(ref buffer, completed, out MllpReadResult result))
            {
                reader.AdvanceTo(buffer.Start);
                return result;
            }

            reader.AdvanceTo(buffer.Start, read.Buffer.End);
            if (completed)
            {
                return MllpReadResult.End;
            }
        }
    }
}
