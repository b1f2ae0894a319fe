using BenchmarkDotNet.Attributes;
using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Mapping;
using EcgBridge.Core.Normalization;
using EcgBridge.Hl7v2.Acknowledgments;
using EcgBridge.Hl7v2.Files;
using EcgBridge.Hl7v2.Parsing;
using EcgBridge.Hl7v2.Waveforms;
using EcgBridge.TestSupport;
using EcgBridge.Wfdb;

namespace EcgBridge.Benchmarks.Hl7v2;

/// <summary>
/// A real 12-lead 10 s 500 Hz record (PTB-XL HR06000) as an IHE PCD-01 ORU^R01 (about 0.4 MB): read, decode, normalize.
/// Run: <c>nice -n 10 dotnet run -c Release --project tests/EcgBridge.Benchmarks -- --filter '*Hl7Decode*'</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 5)]
public class Hl7DecodeBenchmarks
{
    private byte[] _pcd01 = [];
    private byte[] _waveform = [];
    private MappingProfileSet _profiles = MappingProfileSet.Empty;
    private readonly float[] _tensor = new float[EcgTensor.Length];

    [GlobalSetup]
    public void Setup()
    {
        var issues = new IssueList();
        string header = RepositoryPaths.Combine("tests", "EcgBridge.Hl7v2.Tests", "TestData", "wfdb", "HR06000.hea");
        if (!WfdbRecordReader.TryRead(header, issues, out EcgRecording? recording))
        {
            throw new InvalidOperationException("HR06000 not readable: " + issues.CodesText());
        }

        _pcd01 = Pcd01MessageWriter.Write(recording!);
        _waveform = WaveformMessageWriter.Write(recording!);
        _profiles = MappingProfileFiles.LoadDirectory(RepositoryPaths.Combine("mappings"), issues);
        Console.WriteLine($"// PCD-01 message: {_pcd01.Length} bytes; chapter-7 MA message: {_waveform.Length} bytes");
    }

    /// <summary>Reader only: MSH, segment split, control-byte scan (divide the size by the time for MB/s).</summary>
    [Benchmark]
    public int Read()
    {
        Hl7Message.TryParse(_pcd01, new IssueList(), out Hl7Message? message);
        return message!.SegmentCount;
    }

    [Benchmark]
    public EcgRecording? DecodePcd01()
    {
        Hl7EcgDecoder.TryDecode(_pcd01, _profiles, null, new IssueList(), out Hl7DecodeResult result);
        return result.Recording;
    }

    [Benchmark]
    public EcgRecording? DecodeChapter7Multiplexed()
    {
        Hl7EcgDecoder.TryDecode(_waveform, _profiles, null, new IssueList(), out Hl7DecodeResult result);
        return result.Recording;
    }

    [Benchmark]
    public bool DecodeNormalizeAck()
    {
        var issues = new IssueList();
        Hl7EcgDecoder.TryDecode(_pcd01, _profiles, null, issues, out Hl7DecodeResult result);
        bool ok = EcgNormalizer.TryNormalize(result.Recording!, PreprocessingOptions.Default, _tensor, issues);
        return Hl7AckBuilder.Build(result.Header, issues).Length > 0 && ok;
    }
}
