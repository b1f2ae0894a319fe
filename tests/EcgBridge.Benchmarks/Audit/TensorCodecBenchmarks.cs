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
    private byte[] _storedV1 = [];

    [GlobalSetup]
    public void Setup()
    {
        _tensor = new EcgTensor();
        if (!EcgNormalizer.TryNormalize(RealRecords.Load(RealRecords.Hr06000), PreprocessingOptions.Default, _tensor.Data, new IssueList()))
        {
            throw new InvalidOperationException("HR06000 did not normalize");
        }

        _stored = EcgTensorCodec.Encode(_tensor);
        _storedV1 = TensorCodec.EncodeV1(_tensor);
        Console.WriteLine($"// stored size: v2 {_stored.Length}, v1 {_storedV1.Length} bytes of {EcgTensor.Length * sizeof(float)}");
    }

    [Benchmark(Baseline = true, Description = "v2 encode (HR06000)")]
    public int Encode() => EcgTensorCodec.Encode(_tensor).Length;

    [Benchmark(Description = "v2 decode (HR06000)")]
    public bool Decode() => EcgTensorCodec.TryDecode(_stored, out _);

    [Benchmark(Description = "v1 encode (HR06000)")]
    public int EncodeV1() => TensorCodec.EncodeV1(_tensor).Length;

    [Benchmark(Description = "v1 decode (HR06000)")]
    public bool DecodeV1() => TensorCodec.TryDecodeV1(_storedV1, out _);

    // Short and in-process: the machine is shared (2 cores) and a separate build would touch the default bin/obj folders.
    private sealed class ShortInProcessConfig : ManualConfig
    {
        public ShortInProcessConfig() =>
            AddJob(Job.Default.WithWarmupCount(2).WithIterationCount(5).WithToolchain(InProcessEmitToolchain.Instance));
    }
}
