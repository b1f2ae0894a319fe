using System.Runtime.InteropServices;
using EcgBridge.Core;

namespace EcgBridge.Simulator.Output;

/// <summary>
/// A model-ready tensor on disk: 12 × 5000 little-endian float32, lead-major, no header (numpy.fromfile(path, "&lt;f4")).
/// </summary>
public static class TensorFile
{
    /// <summary>File extension of tensor files.</summary>
    public const string Extension = ".f32";

    /// <summary>Writes a tensor's raw values.</summary>
    public static void Write(string path, EcgTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("EcgBridge tensors are little-endian.");
        }

        File.WriteAllBytes(path, MemoryMarshal.AsBytes(tensor.Data.AsSpan()).ToArray());
    }

    /// <summary>Reads a tensor written by <see cref="Write"/>.</summary>
    public static EcgTensor Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var tensor = new EcgTensor();
        if (bytes.Length != EcgTensor.Length * sizeof(float))
        {
            throw new InvalidDataException("A tensor file holds exactly 12 × 5000 float32 values.");
        }

        MemoryMarshal.Cast<byte, float>(bytes).CopyTo(tensor.Data);
        return tensor;
    }
}
