using BenchmarkDotNet.Attributes;
using EcgBridge.Core;
using EcgBridge.Core.Scoring;
using EcgBridge.Inference;
using EcgBridge.TestSupport;

namespace EcgBridge.Benchmarks.Inference;

/// <summary>
/// Sustained throughput through the micro-batcher: <see cref="Callers"/> concurrent callers each score
/// <see cref="PerCaller"/> ECGs back to back. One operation = Callers × PerCaller ECGs (OperationsPerInvoke), so the
/// reported mean is ms per ECG, comparable with <see cref="InferenceBenchmarks"/> at batch 8.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ScorerThroughputBenchmarks : IDisposable
{
    public const int Callers = 16;
    public const int PerCaller = 2;

    private OnnxEcgScorer _scorer = null!;
    private EcgTensor[] _tensors = [];

    [GlobalSetup]
    public void Setup()
    {
        _scorer = new OnnxEcgScorer(new InferenceOptions
        {
            ModelDirectory = RepositoryPaths.Combine("models", "ecg-smart-net"),
            MaxBatchSize = 8,
            MaxWaitMilliseconds = 10,
            IntraOpThreads = 2,
        });
        _tensors = BenchmarkInput.Tensors(Callers);
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        _scorer?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(OperationsPerInvoke = Callers * PerCaller)]
    public async Task<double> SixteenConcurrentCallers()
    {
        var callers = new Task<double>[Callers];
        for (int i = 0; i < Callers; i++)
        {
            callers[i] = CallerAsync(_tensors[i]);
        }

        double sum = 0;
        foreach (double value in await Task.WhenAll(callers).ConfigureAwait(false))
        {
            sum += value;
        }

        return sum;
    }

    private async Task<double> CallerAsync(EcgTensor tensor)
    {
        double sum = 0;
        for (int i = 0; i < PerCaller; i++)
        {
            Prediction prediction = await _scorer.ScoreAsync(tensor, CancellationToken.None).ConfigureAwait(false);
            sum += prediction.Probability;
        }

        return sum;
    }
}
