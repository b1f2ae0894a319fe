using System.Runtime.InteropServices;
using EcgBridge.Core;

namespace EcgBridge.Audit.Tests;

/// <summary>A real normalized tensor (LUDB record, see TestData/PROVENANCE.md).</summary>
internal static class TestEcgs
{
    public static EcgTensor Ludb()
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "ludb-ecg.f32"));
        return new EcgTensor(MemoryMarshal.Cast<byte, float>(bytes).ToArray());
    }
}
