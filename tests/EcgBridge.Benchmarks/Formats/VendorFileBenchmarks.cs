using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Mapping;
using EcgBridge.Core.Normalization;
using EcgBridge.Formats.Aecg;
using EcgBridge.Formats.Muse;
using EcgBridge.TestSupport;
using EcgBridge.TestSupport.Formats;

namespace EcgBridge.Benchmarks.Formats;

/// <summary>
/// Decode + normalize of one vendor ECG file, as the folder, HL7 ED and FHIR attachment routes run it (targets: ≤ 3 ms
/// for MUSE XML or aECG, ≤ 2 ms for DICOM). The aECG file is the HL7 IG example (12 leads, 500 Hz, ~10 s); the MUSE file is written from
/// HR06000 (8 stored leads, 500 Hz, 10 s).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ShortInProcessConfig))]
public class VendorFileBenchmarks
{
    private static readonly MappingProfile Muse = new() { Name = "ge-muse-xml", Format = MappingFormat.GeMuseXml, Options = new Dictionary<string, string> { ["timeZone"] = "UTC" } };
    private static readonly MappingProfile Aecg = new() { Name = "hl7-aecg", Format = MappingFormat.Hl7Aecg, Options = new Dictionary<string, string> { ["timeZone"] = "UTC" } };
    private readonly GeMuseXmlDecoder _muse = new();
    private readonly AecgDecoder _aecg = new();
    private readonly EcgBridge.Formats.Dicom.DicomEcgDecoder _dicom = new();
    private static readonly MappingProfile Dicom = new() { Name = "dicom-ecg", Format = MappingFormat.DicomEcg, Options = new Dictionary<string, string> { ["timeZone"] = "UTC" } };
    private byte[] _dicomFile = [];
    private readonly float[] _tensor = new float[EcgTensor.Length];
    private byte[] _museFile = [];
    private byte[] _aecgFile = [];

    [GlobalSetup]
    public void Setup()
    {
        EcgRecording real = RealRecords.Load(RealRecords.Hr06000);
        _museFile = MuseXmlWriter.Write(MuseXmlWriter.Quantize(real, 4.88), real.SampleRateHz);
        _aecgFile = File.ReadAllBytes(RepositoryPaths.Combine("tests", "EcgBridge.Formats.Tests", "TestData", "aecg", "ecg_hl7.xml"));
        _dicomFile = File.ReadAllBytes(RepositoryPaths.Combine("tests", "EcgBridge.Formats.Tests", "TestData", "dicom", "waveform_ecg.dcm"));
    }

    [Benchmark(Description = "GE MUSE XML decode + normalize")]
    public bool MuseXml() => Run(_muse.TryDecode(_museFile, Muse, new IssueList(), out EcgRecording? r), r);

    [Benchmark(Description = "HL7 aECG decode + normalize")]
    public bool HL7Aecg() => Run(_aecg.TryDecode(_aecgFile, Aecg, new IssueList(), out EcgRecording? r), r);

    [Benchmark(Description = "DICOM ECG (1000 Hz) decode + normalize")]
    public bool DicomEcg() => Run(_dicom.TryDecode(_dicomFile, Dicom, new IssueList(), out EcgRecording? r), r);

    private bool Run(bool decoded, EcgRecording? recording) =>
        decoded && EcgNormalizer.TryNormalize(recording!, PreprocessingOptions.Default, _tensor, new IssueList());

    // Short and in-process: the machine is shared (2 cores) and a separate build would touch the default bin/obj folders.
    private sealed class ShortInProcessConfig : ManualConfig
    {
        public ShortInProcessConfig() =>
            AddJob(Job.Default.WithWarmupCount(2).WithIterationCount(8).WithToolchain(InProcessEmitToolchain.Instance));
    }
}
