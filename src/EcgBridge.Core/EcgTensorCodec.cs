using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace EcgBridge.Core;

/// <summary>
/// Lossless compact form of a normalized tensor, for the scoring queue and the stored-ECG table. Per lead, each
/// float32's bit pattern minus the previous sample's is split into byte planes: the two high planes (sign, exponent,
/// high mantissa — small numbers after the delta) are Brotli-compressed at quality 1; the two low planes are the
/// filtered signal's noise and do not compress, so they are copied as they are. About 185 KB instead of 240 KB, under
/// 1 ms each way (docs/benchmarks.md). Lossless because the decoded tensor must hash to the audit row's tensor SHA-256.
/// </summary>
public static class EcgTensorCodec
{
    /// <summary>Name of this form, stored beside the bytes so an older or later form can be told apart.</summary>
    public const string Encoding = "f32-delta-planes-brotli1-v2";

    private const byte Magic = 0xEC;
    private const byte FormVersion = 2;
    private const int HeaderBytes = 6;
    private const int BrotliQuality = 1;
    private const int BrotliWindow = 18;
    private const int PlaneBytes = EcgTensor.Length;

    /// <summary>Compresses a tensor.</summary>
    public static byte[] Encode(EcgTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        byte[] planes = ArrayPool<byte>.Shared.Rent(PlaneBytes * 4);
        byte[] compressed = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(PlaneBytes * 2));
        try
        {
            Split(tensor.Data, planes);
            if (!BrotliEncoder.TryCompress(planes.AsSpan(0, PlaneBytes * 2), compressed, out int written, BrotliQuality, BrotliWindow))
            {
                ThrowCompressFailed();
            }

            byte[] output = new byte[HeaderBytes + written + (PlaneBytes * 2)];
            output[0] = Magic;
            output[1] = FormVersion;
            BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(2), written);
            compressed.AsSpan(0, written).CopyTo(output.AsSpan(HeaderBytes));
            planes.AsSpan(PlaneBytes * 2, PlaneBytes * 2).CopyTo(output.AsSpan(HeaderBytes + written));
            return output;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(compressed);
            ArrayPool<byte>.Shared.Return(planes);
        }
    }

    /// <summary>Decompresses a tensor written by <see cref="Encode"/>; false when the bytes are not one whole tensor.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, out EcgTensor? tensor)
    {
        tensor = null;
        if (encoded.Length < HeaderBytes || encoded[0] != Magic || encoded[1] != FormVersion)
        {
            return false;
        }

        int compressedLength = BinaryPrimitives.ReadInt32LittleEndian(encoded[2..]);
        if (compressedLength < 0 || compressedLength != encoded.Length - HeaderBytes - (PlaneBytes * 2))
        {
            return false;
        }

        byte[] planes = ArrayPool<byte>.Shared.Rent(PlaneBytes * 4);
        try
        {
            if (!BrotliDecoder.TryDecompress(encoded.Slice(HeaderBytes, compressedLength), planes.AsSpan(0, PlaneBytes * 2), out int written)
                || written != PlaneBytes * 2)
            {
                return false;
            }

            encoded[(HeaderBytes + compressedLength)..].CopyTo(planes.AsSpan(PlaneBytes * 2));
            float[] data = new float[EcgTensor.Length];
            Join(planes, data);
            tensor = new EcgTensor(data);
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(planes);
        }
    }

    private static void Split(ReadOnlySpan<float> data, Span<byte> planes)
    {
        Span<byte> p0 = planes[..PlaneBytes];
        Span<byte> p1 = planes.Slice(PlaneBytes, PlaneBytes);
        Span<byte> p2 = planes.Slice(PlaneBytes * 2, PlaneBytes);
        Span<byte> p3 = planes.Slice(PlaneBytes * 3, PlaneBytes);
        for (int lead = 0; lead < EcgTensor.LeadCount; lead++)
        {
            uint previous = 0;
            int end = (lead + 1) * EcgTensor.SampleCount;
            for (int i = lead * EcgTensor.SampleCount; i < end; i++)
            {
                uint bits = BitConverter.SingleToUInt32Bits(data[i]);
                uint x = unchecked(bits - previous);
                previous = bits;
                p0[i] = (byte)(x >> 24);
                p1[i] = (byte)(x >> 16);
                p2[i] = (byte)(x >> 8);
                p3[i] = (byte)x;
            }
        }
    }

    private static void Join(ReadOnlySpan<byte> planes, Span<float> data)
    {
        ReadOnlySpan<byte> p0 = planes[..PlaneBytes];
        ReadOnlySpan<byte> p1 = planes.Slice(PlaneBytes, PlaneBytes);
        ReadOnlySpan<byte> p2 = planes.Slice(PlaneBytes * 2, PlaneBytes);
        ReadOnlySpan<byte> p3 = planes.Slice(PlaneBytes * 3, PlaneBytes);
        for (int lead = 0; lead < EcgTensor.LeadCount; lead++)
        {
            uint previous = 0;
            int end = (lead + 1) * EcgTensor.SampleCount;
            for (int i = lead * EcgTensor.SampleCount; i < end; i++)
            {
                uint x = ((uint)p0[i] << 24) | ((uint)p1[i] << 16) | ((uint)p2[i] << 8) | p3[i];
                uint bits = unchecked(x + previous);
                previous = bits;
                data[i] = BitConverter.UInt32BitsToSingle(bits);
            }
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowCompressFailed() => throw new InvalidOperationException("Brotli could not compress the tensor.");
}
