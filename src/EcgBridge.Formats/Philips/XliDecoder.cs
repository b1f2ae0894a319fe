using System.Buffers;
using System.Buffers.Binary;

namespace EcgBridge.Formats.Philips;

/// <summary>Outcome of one XLI chunk decode.</summary>
internal enum XliResult
{
    Ok,
    Truncated,
    LengthWrong,
}

/// <summary>
/// Philips XLI decompressor: per lead an 8-byte header (int32 size, int16 unknown, int16 first delta), LZW with fixed
/// 10-bit MSB-first codes over a 256-entry initial dictionary (no clear code), high/low byte halves de-interleaved, then
/// second-order delta reconstruction with a bias of 64. Halves are split at the expected sample count (the LZW
/// stream carries a few padding bytes beyond it; splitting the whole output in two makes the leads drift). Scratch comes from the shared array pool.
/// </summary>
internal static class XliDecoder
{
    private const int CodeBits = 10;
    private const int DictionarySize = 1 << CodeBits;
    private const int Bias = 64;

    /// <summary>Decodes one chunk at <paramref name="offset"/> into <paramref name="samples"/>; advances the offset.</summary>
    public static XliResult DecodeChunk(ReadOnlySpan<byte> data, ref int offset, Span<int> samples)
    {
        if (offset + 8 > data.Length)
        {
            return XliResult.Truncated;
        }

        int size = BinaryPrimitives.ReadInt32LittleEndian(data.Slice(offset, 4));
        short firstDelta = BinaryPrimitives.ReadInt16LittleEndian(data.Slice(offset + 6, 2));
        if (size < 0 || offset + 8 + size > data.Length)
        {
            return XliResult.Truncated;
        }

        ReadOnlySpan<byte> compressed = data.Slice(offset + 8, size);
        offset += 8 + size;
        int needed = samples.Length * 2;
        byte[] output = ArrayPool<byte>.Shared.Rent(needed + DictionarySize);
        int[] prefix = ArrayPool<int>.Shared.Rent(DictionarySize);
        byte[] suffix = ArrayPool<byte>.Shared.Rent(DictionarySize);
        byte[] first = ArrayPool<byte>.Shared.Rent(DictionarySize);
        int[] length = ArrayPool<int>.Shared.Rent(DictionarySize);
        try
        {
            int produced = Lzw(compressed, output, needed, prefix, suffix, first, length);
            if (produced < 0)
            {
                return XliResult.LengthWrong;
            }

            if (produced < needed)
            {
                return XliResult.LengthWrong;
            }

            int n = samples.Length;
            for (int k = 0; k < n; k++)
            {
                samples[k] = (short)((output[k] << 8) | output[n + k]);
            }

            Reconstruct(samples, firstDelta);
            return XliResult.Ok;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(output);
            ArrayPool<int>.Shared.Return(prefix);
            ArrayPool<byte>.Shared.Return(suffix);
            ArrayPool<byte>.Shared.Return(first);
            ArrayPool<int>.Shared.Return(length);
        }
    }

    // Returns the number of bytes written (stops once `needed` bytes exist), or -1 for an invalid code.
    private static int Lzw(ReadOnlySpan<byte> input, byte[] output, int needed, int[] prefix, byte[] suffix, byte[] first, int[] length)
    {
        for (int c = 0; c < 256; c++)
        {
            prefix[c] = -1;
            suffix[c] = (byte)c;
            first[c] = (byte)c;
            length[c] = 1;
        }

        int next = 256;
        int previous = -1;
        int written = 0;
        uint bits = 0;
        int bitCount = 0;
        int position = 0;
        while (written < needed)
        {
            while (bitCount < CodeBits && position < input.Length)
            {
                bits = (bits << 8) | input[position++];
                bitCount += 8;
            }

            if (bitCount < CodeBits)
            {
                break;
            }

            int code = (int)((bits >> (bitCount - CodeBits)) & (DictionarySize - 1));
            bitCount -= CodeBits;
            int entry;
            byte head;
            if (code < next)
            {
                entry = code;
                head = first[code];
            }
            else if (code == next && previous >= 0)
            {
                entry = -1;
                head = first[previous];
            }
            else
            {
                return -1;
            }

            if (previous >= 0 && next < DictionarySize)
            {
                prefix[next] = previous;
                suffix[next] = head;
                first[next] = first[previous];
                length[next] = length[previous] + 1;
                if (entry < 0)
                {
                    entry = next;
                }

                next++;
            }
            else if (entry < 0)
            {
                return -1;
            }

            int len = length[entry];
            if (written + len > output.Length)
            {
                len = output.Length - written;
            }

            int at = entry;
            for (int k = length[entry] - 1; k >= 0; k--)
            {
                if (k < len)
                {
                    output[written + k] = suffix[at];
                }

                at = prefix[at];
            }

            written += len;
            previous = code;
        }

        return written;
    }

    private static void Reconstruct(Span<int> samples, int firstDelta)
    {
        if (samples.Length < 3)
        {
            return;
        }

        int x = samples[0];
        int y = samples[1];
        // The header seeds the correction as is; each later one is the previous raw code minus the bias.
        int correction = firstDelta;
        for (int k = 2; k < samples.Length; k++)
        {
            int raw = samples[k];
            int z = (2 * y) - x - correction;
            correction = raw - Bias;
            samples[k] = z;
            x = y;
            y = z;
        }
    }
}
