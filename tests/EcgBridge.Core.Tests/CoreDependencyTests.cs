using System.Xml.Linq;

namespace EcgBridge.Core.Tests;

public class CoreDependencyTests
{
    [Fact]
    public void Core_references_no_package_and_no_other_project()
    {
        string csproj = Path.Combine(RepositoryRoot(), "src", "EcgBridge.Core", "EcgBridge.Core.csproj");
        XDocument project = XDocument.Load(csproj);
        Assert.Empty(project.Descendants("PackageReference"));
        Assert.Empty(project.Descendants("ProjectReference"));
        Assert.DoesNotContain(typeof(Lead).Assembly.GetReferencedAssemblies(), a => a.Name is not null && a.Name.StartsWith("EcgBridge", StringComparison.Ordinal));
    }

    private static string RepositoryRoot()
    {
        DirectoryInfo? dir = new(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Integration.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Integration.sln not found above the test directory.");
    }
}
