using System.Xml.Linq;
using EcgBridge.TestSupport;

namespace EcgBridge.Core.Tests;

public class CoreDependencyTests
{
    [Fact]
    public void Core_references_no_package_and_no_other_project()
    {
        string csproj = RepositoryPaths.Combine("src", "EcgBridge.Core", "EcgBridge.Core.csproj");
        XDocument project = XDocument.Load(csproj);
        Assert.Empty(project.Descendants("PackageReference"));
        Assert.Empty(project.Descendants("ProjectReference"));
        Assert.DoesNotContain(typeof(Lead).Assembly.GetReferencedAssemblies(), a => a.Name is not null && a.Name.StartsWith("EcgBridge", StringComparison.Ordinal));
    }
}
