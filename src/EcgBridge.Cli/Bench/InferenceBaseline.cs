using System.Diagnostics;
using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Normalization;
using EcgBridge.Inference;
using EcgBridge.Simulator;

namespace EcgBridge.Cli.Bench;

/// <summary>
/// Bare inference of the serve's model in the bench process, measured in the same run as the traffic: batch-8 and
/// batch-1 session runs on simulator tensors with the serve's thread settings, timed by wall clock and by this
/// process's CPU time (nothing else runs in the bench while it is measured). It is what the serve's CPU per scored ECG
/// is compared with: whatever the serve spends beyond it is the middleware.
/// </summary>
/// <param name="Model">Model name and version.</param>
/// <param name="Threads">Intra-op threads used.</param>
/// <param name="Spinning">Whether ONNX Runtime workers were allowed to spin.</param>
/// <param name="Batch8Ecgs">ECGs scored at batch 8.</param>
/// <param name="Batch8WallMsPerEcg">Wall time per ECG at batch 8.</param>
/// <param name="Batch8CpuMsPerEcg">Process CPU time per ECG at batch 8.</param>
/// <param name="Batch1WallMs">Wall time of one batch-1 run (median).</param>
/// <param name="Batch1CpuMs">Process CPU time per batch-1 run (mean).</param>
internal sealed record InferenceBaseline(
    string Model,
    int Threads,
    bool Spinning,
    int Batch8Ecgs,
    double Batch8WallMsPerEcg,
    double Batch8CpuMsPerEcg,
    double Batch1WallMs,
    double Batch1CpuMs)
{
    /// <summary>Batch-8 ECGs per second of wall time.</summary>
    public double Batch8EcgPerSecond => 1000.0 / Batch8WallMsPerEcg;

    /// <summary>Runs batch 8 for <paramref name="duration"/> (at least 3 batches) and batch 1 for a third of it.</summary>
    public static InferenceBaseline Measure(string? modelDirectory, int threads, bool spinning, TimeSpan duration)
    {
        ModelManifest manifest = ModelManifest.Load(ModelDirectory.Resolve(modelDirectory ?? ModelDirectory.Default));
        var options = new InferenceOptions { ModelDirectory = manifest.Directory, IntraOpThreads = threads, AllowSpinning = spinning, WarmUp = false };
        using var session = new OnnxModelSession(manifest, options);
        float[] input = Inputs(8);
        float[] logits = new float[8 * OnnxModelSession.ClassCount];

        // Warm-up: first runs allocate the arena and pick kernels.
        session.Run(input, 8, logits);
        session.Run(input.AsSpan(0, EcgTensor.Length), 1, logits);

        using Process self = Process.GetCurrentProcess();
        (int batches, double wall8, double cpu8) = Time(session, input, 8, logits, duration, minimum: 3, self);
        (int runs, double wall1, double cpu1) = Time(session, input, 1, logits, duration / 3, minimum: 5, self);
        return new InferenceBaseline(
            manifest.Name + " " + manifest.Version,
            options.IntraOpThreads > 0 ? options.IntraOpThreads : Environment.ProcessorCount,
            spinning,
            batches * 8,
            wall8 / (batches * 8),
            cpu8 / (batches * 8),
            wall1 / runs,
            cpu1 / runs);
    }

    private static (int Runs, double WallMs, double CpuMs) Time(
        OnnxModelSession session, float[] input, int batch, float[] logits, TimeSpan duration, int minimum, Process self)
    {
        self.Refresh();
        TimeSpan cpuStart = self.TotalProcessorTime;
        long started = Stopwatch.GetTimestamp();
        int runs = 0;
        while (runs < minimum || Stopwatch.GetElapsedTime(started) < duration)
        {
            session.Run(input.AsSpan(0, batch * EcgTensor.Length), batch, logits);
            runs++;
        }

        double wall = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        self.Refresh();
        return (runs, wall, (self.TotalProcessorTime - cpuStart).TotalMilliseconds);
    }

    /// <summary>Normalized simulator ECGs, as the serve would score them.</summary>
    private static float[] Inputs(int count)
    {
        float[] input = new float[count * EcgTensor.Length];
        int i = 0;
        var issues = new IssueList();
        foreach (SimulationSpec spec in SimulatedFeed.Plan(7, count, 0.5))
        {
            EcgRecording recording = EcgSimulator.Generate(spec).Quantized();
            var preprocessing = new PreprocessingOptions();
            if (EcgNormalizer.TryNormalize(recording, preprocessing, out EcgTensor? tensor, issues) && tensor is not null)
            {
                tensor.Data.CopyTo(input.AsSpan(i * EcgTensor.Length, EcgTensor.Length));
            }

            i++;
        }

        return input;
    }
}
