using System.Runtime.CompilerServices;

namespace EcgBridge.TestSupport;

/// <summary>Paths inside the checkout, independent of where the test binaries were built (artifacts path or bin/).</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root (the folder holding Integration.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path below the repository root.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The test data copied next to the test binaries (TestSupport's TestData folder).</summary>
    public static string TestData(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);

    private static string FindRoot([CallerFilePath] string thisFile = "")
    {
        DirectoryInfo? dir = new(Path.GetDirectoryName(thisFile)!);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Integration.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Integration.sln not found above " + thisFile);
    }
}
