using System.Diagnostics;
using EcgBridge.Core;
using EcgBridge.Core.Scoring;

namespace EcgBridge.Inference;

/// <summary>One caller's ECG waiting in the micro-batcher; completes with its own prediction or its own cancellation.</summary>
internal sealed class ScoreRequest(EcgTensor tensor)
{
    public EcgTensor Tensor { get; } = tensor;

    /// <summary>The caller's span, linked from the batch span (a batch serves several traces, so it has no one parent).</summary>
    public ActivityContext Caller { get; } = Activity.Current?.Context ?? default;

    // Continuations run off the batch worker, so a slow caller never delays the next batch.
    public TaskCompletionSource<Prediction> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CancellationTokenRegistration Registration { get; set; }

    /// <summary>True when the caller gave up before the batch was formed: it is skipped, the batch is not affected.</summary>
    public bool IsAbandoned => Completion.Task.IsCompleted;
}
