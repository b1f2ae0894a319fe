using System.Xml.Linq;
using EcgBridge.TestSupport;

namespace EcgBridge.Pipeline.Tests.Architecture;

/// <summary>
/// Pins DESIGN.md's layering: Core references nothing; each adapter references Core only (Hl7v2 and Fhir may use
/// Formats for embedded files); Pipeline references Core and the format adapters, never a transport or a store;
/// Compliance references Core and Fhir; only Host and Cli compose.
/// </summary>
public sealed class ProjectReferenceTests
{
    private static readonly string[] FormatAdapters = ["Hl7v2", "Fhir", "Formats"];

    [Fact]
    public void Core_references_no_project_and_no_package()
    {
        Assert.Empty(ProjectReferences("Core"));
        Assert.Empty(PackageReferences("Core"));
    }

    [Theory]
    [InlineData("Formats")]
    [InlineData("Inference")]
    [InlineData("Audit")]
    [InlineData("Messaging")]
    [InlineData("Wfdb")]
    [InlineData("Simulator")]
    public void Adapter_references_Core_only(string project) =>
        Assert.Equal(["Core"], ProjectReferences(project));

    [Theory]
    [InlineData("Hl7v2")]
    [InlineData("Fhir")]
    public void Message_format_adapter_references_Core_and_at_most_the_vendor_file_formats(string project)
    {
        IReadOnlyList<string> references = ProjectReferences(project);

        Assert.Contains("Core", references);
        Assert.All(references, r => Assert.Contains(r, (string[])["Core", "Formats"]));
    }

    [Fact]
    public void Pipeline_references_Core_and_format_adapters_only()
    {
        IReadOnlyList<string> references = ProjectReferences("Pipeline");

        Assert.Contains("Core", references);
        Assert.All(references, r => Assert.True(r == "Core" || FormatAdapters.Contains(r), "Pipeline must not reference " + r));
        Assert.DoesNotContain(PackageReferences("Pipeline"), p => p.StartsWith("MassTransit", StringComparison.Ordinal) || p.Contains("EntityFramework", StringComparison.Ordinal) || p.StartsWith("Npgsql", StringComparison.Ordinal) || p.StartsWith("RabbitMQ", StringComparison.Ordinal));
    }

    [Fact]
    public void Compliance_references_Core_and_the_FHIR_adapter_only() =>
        Assert.Equal(["Core", "Fhir"], ProjectReferences("Compliance"));

    [Fact]
    public void Only_Host_and_Cli_reference_Host_Pipeline_Audit_and_Messaging()
    {
        foreach (string project in Projects())
        {
            if (project is "Host" or "Cli")
            {
                continue;
            }

            Assert.DoesNotContain("Host", ProjectReferences(project));
            Assert.DoesNotContain("Audit", ProjectReferences(project));
            Assert.DoesNotContain("Messaging", ProjectReferences(project));
            Assert.DoesNotContain("Compliance", ProjectReferences(project));
            if (project != "Pipeline")
            {
                Assert.DoesNotContain("Pipeline", ProjectReferences(project));
            }
        }
    }

    private static IEnumerable<string> Projects() =>
        Directory.GetDirectories(RepositoryPaths.Combine("src"), "EcgBridge.*").Select(d => Path.GetFileName(d)["EcgBridge.".Length..]);

    private static XDocument Load(string project) =>
        XDocument.Load(RepositoryPaths.Combine("src", "EcgBridge." + project, "EcgBridge." + project + ".csproj"));

    private static List<string> ProjectReferences(string project) =>
        [.. Load(project).Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension((string)e.Attribute("Include")!)["EcgBridge.".Length..])
            .Order(StringComparer.Ordinal)];

    private static List<string> PackageReferences(string project) =>
        [.. Load(project).Descendants("PackageReference").Select(e => (string)e.Attribute("Include")!)];
}
