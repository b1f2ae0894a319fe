using BenchmarkDotNet.Attributes;
using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Normalization;
using EcgBridge.TestSupport;

namespace EcgBridge.Benchmarks.Core;

/// <summary>
/// The drift monitor's input statistics (heart rate from R-peaks, amplitude) of one normalized ECG, computed when its
/// Scored row is written (before the chain lock is taken).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class EcgFeaturesBenchmarks
{
    private EcgTensor _tensor = null!;

    [GlobalSetup]
    public void Setup()
    {
        _tensor = new EcgTensor();
        Assert(EcgNormalizer.TryNormalize(RealRecords.Load(RealRecords.Hr06000), PreprocessingOptions.Default, _tensor.Data, new IssueList()));
    }

    [Benchmark(Description = "EcgFeatures.Compute (HR06000, 12 x 5000)")]
    public double? Compute() => EcgFeatures.Compute(_tensor).HeartRateBpm;

    private static void Assert(bool ok)
    {
        if (!ok)
        {
            throw new InvalidOperationException("the benchmark ECG did not normalize");
        }
    }
}
