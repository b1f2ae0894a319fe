using EcgBridge.TestSupport;

namespace EcgBridge.Fhir.Tests;

/// <summary>The real FHIR and WFDB files copied into TestData (see TestData/PROVENANCE.md).</summary>
internal static class TestFiles
{
    public static byte[] Fhir(string name) => File.ReadAllBytes(RepositoryPaths.TestData("fhir", name));

    public static string WfdbHeader(string record) => RepositoryPaths.TestData("wfdb", record + ".hea");
}
