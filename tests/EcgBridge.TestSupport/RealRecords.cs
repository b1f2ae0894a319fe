using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Wfdb;

namespace EcgBridge.TestSupport;

/// <summary>
/// The real WFDB records copied into TestData/ecg-real (origin and licence in its PROVENANCE.md), for every test project
/// and the benchmarks. Works from the test output folder and, for BenchmarkDotNet's generated projects, from the source tree.
/// </summary>
public static class RealRecords
{
    /// <summary>PTB-XL via CinC 2021, 500 Hz, 10 s, standard lead order (CC BY 4.0).</summary>
    public const string Hr06000 = "HR06000";

    /// <summary>HR06000's samples with the columns in a non-standard order and other lead spellings (derived file).</summary>
    public const string Hr06000Reordered = "HR06000_reordered";

    /// <summary>Georgia database via CinC 2021, 500 Hz, 10 s, sinus rhythm (CC BY 4.0).</summary>
    public const string E07506 = "E07506";

    /// <summary>Chapman-Shaoxing via CinC 2021, 500 Hz, 10 s, PACs (CC BY 4.0).</summary>
    public const string Js20002 = "JS20002";

    /// <summary>PTB-XL ecg_id 1 low-rate version: 100 Hz, 10 s (CC BY 4.0).</summary>
    public const string PtbXl00001LowRate = "00001_lr";

    /// <summary>LUDB record 1; its header names 1.dat (the reader falls back with WFDB-FILE-RENAMED) (ODC-By 1.0).</summary>
    public const string Ludb = "ludb-ecg";

    /// <summary>PTB diagnostic s0010_re, acute MI, 1000 Hz, first 11 s of the 12 conventional leads (derived; ODC-By 1.0).</summary>
    public const string Ptb0010FirstSeconds = "s0010_re_11s";

    /// <summary>The folder holding the records.</summary>
    public static string Directory { get; } = FindDirectory();

    /// <summary>The .hea path of a record.</summary>
    public static string HeaderPath(string recordName) => Path.Combine(Directory, recordName + ".hea");

    /// <summary>Any file of the folder (for tests that need raw bytes).</summary>
    public static string FilePath(string fileName) => Path.Combine(Directory, fileName);

    /// <summary>Reads a record with the production WFDB reader, collecting its issues (for example WFDB-FILE-RENAMED).</summary>
    public static EcgRecording Load(string recordName, IssueList issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        if (!WfdbRecordReader.TryRead(HeaderPath(recordName), issues, out EcgRecording? recording))
        {
            throw new InvalidOperationException($"Test record {recordName} did not load: {issues.CodesText()}");
        }

        return recording!;
    }

    /// <summary>Reads a record; a record that does not load is a broken test set-up, so this throws.</summary>
    public static EcgRecording Load(string recordName) => Load(recordName, new IssueList());

    private static string FindDirectory()
    {
        string besideBinaries = Path.Combine(AppContext.BaseDirectory, "TestData", "ecg-real");
        return System.IO.Directory.Exists(besideBinaries)
            ? besideBinaries
            : RepositoryPaths.Combine("tests", "EcgBridge.TestSupport", "TestData", "ecg-real");
    }
}
