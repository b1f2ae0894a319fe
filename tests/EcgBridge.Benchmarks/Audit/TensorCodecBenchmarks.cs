using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using EcgBridge.Audit;
using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Normalization;
using EcgBridge.TestSupport;

namespace EcgBridge.Benchmarks.Audit;

/// <summary>
/// Lossless compression of one normalized tensor for the <c>ecg_tensor</c> table (runs once per scored ECG, before the
/// chain lock) and its decoding for the compliance page.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ShortInProcessConfig))]
public class TensorCodecBenchmarks
{
    private EcgTensor _tensor = null!;
    private byte[] _stored = [];

    [GlobalSetup]
    public void Setup()
    {
        _tensor = new EcgTensor();
        if (!EcgNormalizer.TryNormalize(RealRecords.Load(RealRecords.Hr06000), PreprocessingOptions.Default, _tensor.Data, new IssueList()))
        {
            throw new InvalidOperationException("HR06000 did not normalize");
        }

        _stored = TensorCodec.Encode(_tensor);
        Console.WriteLine($"// stored size: {_stored.Length} bytes of {EcgTensor.Length * sizeof(float)}");
    }

    [Benchmark(Baseline = true, Description = "encode (HR06000)")]
    public int Encode() => TensorCodec.Encode(_tensor).Length;

    [Benchmark(Description = "decode (HR06000)")]
    public bool Decode() => TensorCodec.TryDecode(_stored, out _);

    // Short and in-process: the machine is shared (2 cores) and a separate build would touch the default bin/obj folders.
    private sealed class ShortInProcessConfig : ManualConfig
    {
        public ShortInProcessConfig() =>
            AddJob(Job.Default.WithWarmupCount(2).WithIterationCount(5).WithToolchain(InProcessEmitToolchain.Instance));
    }
}
