using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Normalization;
using EcgBridge.TestSupport;

namespace EcgBridge.Benchmarks.Core;

/// <summary>Normalization v1 of one 12-lead 10 s ECG into a reused tensor buffer (target ≤ 1 ms at 500 Hz, no per-sample allocation).</summary>
[MemoryDiagnoser]
[Config(typeof(ShortInProcessConfig))]
public class NormalizationBenchmarks
{
    private readonly float[] _tensor = new float[EcgTensor.Length];
    private EcgRecording _at500 = null!;
    private EcgRecording _at1000 = null!;
    private EcgRecording _at257 = null!;

    [GlobalSetup]
    public void Setup()
    {
        _at500 = RealRecords.Load(RealRecords.Hr06000);
        _at1000 = RealRecords.Load(RealRecords.Ptb0010FirstSeconds);
        _at257 = SyntheticRecordings.Create(257, 10);
        Normalize(_at257);
    }

    [Benchmark(Baseline = true, Description = "500 Hz (HR06000)")]
    public bool At500Hz() => Normalize(_at500);

    [Benchmark(Description = "1000 Hz (PTB s0010_re)")]
    public bool At1000Hz() => Normalize(_at1000);

    [Benchmark(Description = "257 Hz (synthetic)")]
    public bool At257Hz() => Normalize(_at257);

    private bool Normalize(EcgRecording recording) =>
        EcgNormalizer.TryNormalize(recording, PreprocessingOptions.Default, _tensor, new IssueList());

    // Short and in-process: the machine is shared (2 cores) and a separate build would touch the default bin/obj folders.
    private sealed class ShortInProcessConfig : ManualConfig
    {
        public ShortInProcessConfig() =>
            AddJob(Job.Default.WithWarmupCount(2).WithIterationCount(5).WithToolchain(InProcessEmitToolchain.Instance));
    }
}
