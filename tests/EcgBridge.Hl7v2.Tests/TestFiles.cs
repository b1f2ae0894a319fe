using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Mapping;
using EcgBridge.Hl7v2.Files;
using EcgBridge.TestSupport;
using EcgBridge.Wfdb;

namespace EcgBridge.Hl7v2.Tests;

/// <summary>Test data beside the binaries and the repository's mapping profiles.</summary>
internal static class TestFiles
{
    private static readonly Lazy<MappingProfileSet> LazyProfiles = new(() =>
    {
        var issues = new IssueList();
        MappingProfileSet set = MappingProfileFiles.LoadDirectory(RepositoryPaths.Combine("mappings"), issues);
        Assert.False(issues.HasErrors, issues.CodesText());
        return set;
    });

    public static MappingProfileSet Profiles => LazyProfiles.Value;

    public static string Path(params string[] parts) => System.IO.Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);

    public static byte[] Bytes(params string[] parts) => File.ReadAllBytes(Path(parts));

    public static IEnumerable<string> Names(string folder) =>
        Directory.GetFiles(Path(folder)).Select(System.IO.Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal)!;

    public static EcgRecording RealRecording()
    {
        var issues = new IssueList();
        Assert.True(WfdbRecordReader.TryRead(Path("wfdb", "HR06000.hea"), issues, out EcgRecording? recording), issues.CodesText());
        return recording!;
    }
}
