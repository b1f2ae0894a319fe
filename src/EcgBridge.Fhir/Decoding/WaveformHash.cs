using System.Buffers.Binary;
using System.Security.Cryptography;
using EcgBridge.Core;

namespace EcgBridge.Fhir.Decoding;

/// <summary>Hash of a decoded waveform, for dedupe keys: lead order, lead numbers, rate and samples.</summary>
internal static class WaveformHash
{
    public static string Sha256Hex(EcgRecording recording)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> scratch = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(scratch, recording.SampleRateHz);
        hash.AppendData(scratch);
        foreach (LeadSignal lead in recording.Leads)
        {
            BinaryPrimitives.WriteInt32LittleEndian(scratch, (int)lead.Lead);
            BinaryPrimitives.WriteInt32LittleEndian(scratch[4..], lead.Samples.Length);
            hash.AppendData(scratch);
            if (BitConverter.IsLittleEndian)
            {
                hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(lead.Samples.AsSpan()));
            }
            else
            {
                foreach (double sample in lead.Samples)
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(scratch, sample);
                    hash.AppendData(scratch);
                }
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
