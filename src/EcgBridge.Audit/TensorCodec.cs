using System.IO.Compression;
using EcgBridge.Core;

namespace EcgBridge.Audit;

/// <summary>
/// Stored-ECG forms: new rows use <see cref="EcgTensorCodec"/> (v2, under 1 ms each way); rows written before it keep
/// the v1 form below and stay readable. v1: per lead, each float32's bit pattern minus the previous sample's
/// (neighbouring samples share sign, exponent and high mantissa, so the high bytes become small), split into four byte
/// planes, then Brotli: about 170 KB instead of 240 KB for real ECGs (the low mantissa bytes of filtered signals are
/// noise and do not compress). Lossless because the stored copy must hash to the audit row's tensor SHA-256; float16
/// would give 120 KB but could never be checked against the audit.
/// </summary>
public static class TensorCodec
{
    /// <summary>Name of the form new rows are written in (<see cref="EcgTensorCodec.Encoding"/>).</summary>
    public const string Encoding = EcgTensorCodec.Encoding;

    /// <summary>Name of the first storage form (Brotli quality 6 over all four planes, about 35 ms to encode).</summary>
    public const string EncodingV1 = "f32-delta-planes-brotli-v1";

    /// <summary>True for a form this build can read.</summary>
    public static bool IsReadable(string encoding) =>
        string.Equals(encoding, Encoding, StringComparison.Ordinal) || string.Equals(encoding, EncodingV1, StringComparison.Ordinal);

    /// <summary>Decodes a stored tensor of either form.</summary>
    public static bool TryDecode(string encoding, ReadOnlySpan<byte> stored, out EcgTensor? tensor)
    {
        if (string.Equals(encoding, Encoding, StringComparison.Ordinal))
        {
            return EcgTensorCodec.TryDecode(stored, out tensor);
        }

        if (string.Equals(encoding, EncodingV1, StringComparison.Ordinal))
        {
            return TryDecodeV1(stored, out tensor);
        }

        tensor = null;
        return false;
    }

    private const int BrotliQuality = 6;
    private const int BrotliWindow = 22;

    /// <summary>Compresses a tensor in the current form.</summary>
    public static byte[] Encode(EcgTensor tensor) => EcgTensorCodec.Encode(tensor);

    /// <summary>Compresses a tensor in the v1 form (kept for tests and the codec benchmark).</summary>
    public static byte[] EncodeV1(EcgTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        int n = EcgTensor.Length;
        byte[] planes = new byte[n * 4];
        ReadOnlySpan<float> data = tensor.Data;
        for (int lead = 0; lead < EcgTensor.LeadCount; lead++)
        {
            uint previous = 0;
            int start = lead * EcgTensor.SampleCount;
            for (int i = start; i < start + EcgTensor.SampleCount; i++)
            {
                uint bits = BitConverter.SingleToUInt32Bits(data[i]);
                uint x = unchecked(bits - previous);
                previous = bits;
                planes[i] = (byte)(x >> 24);
                planes[n + i] = (byte)(x >> 16);
                planes[(2 * n) + i] = (byte)(x >> 8);
                planes[(3 * n) + i] = (byte)x;
            }
        }

        byte[] output = new byte[BrotliEncoder.GetMaxCompressedLength(planes.Length)];
        if (!BrotliEncoder.TryCompress(planes, output, out int written, BrotliQuality, BrotliWindow))
        {
            throw new InvalidOperationException("Brotli could not compress the tensor.");
        }

        return output.AsSpan(0, written).ToArray();
    }

    /// <summary>Decompresses a current-form tensor; false when the bytes are not a whole tensor.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> stored, out EcgTensor? tensor) => EcgTensorCodec.TryDecode(stored, out tensor);

    /// <summary>Decompresses a v1 tensor; false when the bytes are not a whole tensor.</summary>
    public static bool TryDecodeV1(ReadOnlySpan<byte> stored, out EcgTensor? tensor)
    {
        int n = EcgTensor.Length;
        byte[] planes = new byte[n * 4];
        if (!BrotliDecoder.TryDecompress(stored, planes, out int written) || written != planes.Length)
        {
            tensor = null;
            return false;
        }

        float[] data = new float[n];
        for (int lead = 0; lead < EcgTensor.LeadCount; lead++)
        {
            uint previous = 0;
            int start = lead * EcgTensor.SampleCount;
            for (int i = start; i < start + EcgTensor.SampleCount; i++)
            {
                uint x = ((uint)planes[i] << 24) | ((uint)planes[n + i] << 16) | ((uint)planes[(2 * n) + i] << 8) | planes[(3 * n) + i];
                uint bits = unchecked(x + previous);
                previous = bits;
                data[i] = BitConverter.UInt32BitsToSingle(bits);
            }
        }

        tensor = new EcgTensor(data);
        return true;
    }
}
