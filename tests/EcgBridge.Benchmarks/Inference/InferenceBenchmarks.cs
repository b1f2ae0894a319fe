using BenchmarkDotNet.Attributes;
using EcgBridge.Inference;
using EcgBridge.TestSupport;

namespace EcgBridge.Benchmarks.Inference;

/// <summary>
/// One session run of each shipped ECG-SMART-NET (fp32 and the int8 QDQ model) at batch 1 and 8, in the same run
/// (divide by Batch for ms/ECG). Compare with models/python/bench.py (PyTorch eager, 2 threads) on the same machine:
/// docs/parts/benchmarks-inference.md.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class InferenceBenchmarks : IDisposable
{
    private OnnxModelSession _session = null!;
    private float[] _input = [];
    private float[] _logits = [];

    /// <summary>The model folder under models/.</summary>
    [Params("ecg-smart-net", "ecg-smart-net-int8")]
    public string Model { get; set; } = "ecg-smart-net";

    [Params(1, 8)]
    public int Batch { get; set; }

    /// <summary>Intra-op threads: 2 = the cores of the benchmark machine (PyTorch runs with 2 as well).</summary>
    [Params(2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        ModelManifest manifest = ModelManifest.Load(RepositoryPaths.Combine("models", Model));
        _session = new OnnxModelSession(manifest, new InferenceOptions { IntraOpThreads = Threads });
        _input = BenchmarkInput.Create(Batch);
        _logits = new float[Batch * 2];
        _session.Run(_input, Batch, _logits);
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        _session?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public float Run()
    {
        _session.Run(_input, Batch, _logits);
        return _logits[1];
    }
}
