using System.ComponentModel.DataAnnotations;

namespace EcgBridge.Inference;

/// <summary>Configuration of the ONNX scorer (section <c>EcgBridge:Inference</c>).</summary>
public sealed record InferenceOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "EcgBridge:Inference";

    /// <summary>Folder holding model.onnx and manifest.json; relative paths resolve against the app base, then the current directory.</summary>
    [Required]
    public string ModelDirectory { get; init; } = "models/ecg-smart-net";

    /// <summary>Most ECGs scored in one session run.</summary>
    [Range(1, 64)]
    public int MaxBatchSize { get; init; } = 8;

    /// <summary>How long the first ECG of a batch waits for others, in milliseconds (0 = take only what is queued).</summary>
    [Range(0, 1000)]
    public int MaxWaitMilliseconds { get; init; } = 10;

    /// <summary>ONNX Runtime intra-op threads; 0 = one per processor.</summary>
    [Range(0, 256)]
    public int IntraOpThreads { get; init; }

    /// <summary>
    /// Let ONNX Runtime worker threads spin between kernels and after a batch. Off by default: on a busy service the
    /// spinning burns CPU the rest of the pipeline needs (measured: serve CPU per scored ECG 1.48 × bare inference with
    /// spinning, 1.31 × without, same machine and hour — docs/benchmarks.md); turn it on for a little lower latency
    /// when the cores are otherwise idle.
    /// </summary>
    public bool AllowSpinning { get; init; }

    /// <summary>Run one batch of each warm-up size at start-up so the first real ECG does not pay for allocation.</summary>
    public bool WarmUp { get; init; } = true;

    /// <summary>Optional path where ONNX Runtime writes the optimized graph (diagnostics; the hash check stays on model.onnx).</summary>
    public string? OptimizedModelPath { get; init; }
}
