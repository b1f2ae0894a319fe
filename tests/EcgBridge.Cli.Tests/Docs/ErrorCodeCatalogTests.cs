using System.Reflection;
using EcgBridge.TestSupport;

namespace EcgBridge.Cli.Tests.Docs;

public class ErrorCodeCatalogTests
{
    [Fact]
    public void Every_code_the_code_can_report_is_listed_in_docs_error_codes()
    {
        string catalog = File.ReadAllText(RepositoryPaths.Combine("docs", "error-codes.md"));
        List<string> codes = AllCodes().ToList();

        Assert.True(codes.Count > 50, $"expected the code catalogs of every area, found {codes.Count} codes");
        Assert.All(codes, code => Assert.Contains(code, catalog, StringComparison.Ordinal));
    }

    [Fact]
    public void Codes_are_unique_across_areas_and_shaped_AREA_THING()
    {
        List<string> codes = AllCodes().ToList();

        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, code => Assert.Matches("^[A-Z0-9]+(-[A-Z0-9]+)+$", code));
    }

    private static IEnumerable<string> AllCodes()
    {
        // The code catalogs are the static classes named *Codes in EcgBridge assemblies (EcgCodes, Hl7Codes, FhirCodes, …).
        Assembly cli = typeof(EcgBridgeCommand).Assembly;
        var assemblies = new HashSet<Assembly> { cli };
        foreach (AssemblyName name in cli.GetReferencedAssemblies())
        {
            if (name.Name is { } n && n.StartsWith("EcgBridge", StringComparison.Ordinal))
            {
                Assembly loaded = Assembly.Load(name);
                assemblies.Add(loaded);
                foreach (AssemblyName inner in loaded.GetReferencedAssemblies())
                {
                    if (inner.Name is { } m && m.StartsWith("EcgBridge", StringComparison.Ordinal))
                    {
                        assemblies.Add(Assembly.Load(inner));
                    }
                }
            }
        }

        return assemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsAbstract && t.IsSealed && t.Name.EndsWith("Codes", StringComparison.Ordinal))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.GetCustomAttribute<ObsoleteAttribute>() is null)
            .Select(f => (string)f.GetRawConstantValue()!);
    }
}
