using System.Security.Cryptography;

namespace EcgBridge.Core;

/// <summary>The model input: float32[12 × 5000], lead-major, leads in <see cref="Lead"/> order, mV after preprocessing.</summary>
public sealed class EcgTensor
{
    /// <summary>Rows of the tensor.</summary>
    public const int LeadCount = LeadCatalog.Count;

    /// <summary>Columns of the tensor: 10 s at 500 Hz.</summary>
    public const int SampleCount = 5000;

    /// <summary>Total number of values.</summary>
    public const int Length = LeadCount * SampleCount;

    /// <summary>Wraps an existing lead-major buffer of <see cref="Length"/> values.</summary>
    public EcgTensor(float[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length != Length)
        {
            throw new ArgumentException($"Tensor needs {Length} values, got {data.Length}.", nameof(data));
        }

        Data = data;
    }

    /// <summary>Creates a zeroed tensor.</summary>
    public EcgTensor()
        : this(new float[Length])
    {
    }

    /// <summary>The values, lead-major.</summary>
    public float[] Data { get; }

    /// <summary>One lead's 5000 samples.</summary>
    public Span<float> LeadSpan(Lead lead) => Data.AsSpan((int)lead * SampleCount, SampleCount);

    /// <summary>Lowercase hex SHA-256 of the little-endian float32 bytes (the audit's tensor hash).</summary>
    public string Sha256Hex()
    {
        ReadOnlySpan<byte> bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(Data.AsSpan());
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("EcgBridge tensors are little-endian.");
        }

        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
