using System.Buffers;
using System.Diagnostics;
using System.Threading.Channels;
using EcgBridge.Core;
using EcgBridge.Core.Normalization;
using EcgBridge.Core.Scoring;
using EcgBridge.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcgBridge.Inference;

/// <summary>
/// <see cref="IEcgScorer"/> over ECG-SMART-NET in ONNX Runtime. Concurrent callers share a micro-batcher: the first queued ECG
/// waits up to <see cref="InferenceOptions.MaxWaitMilliseconds"/> for others, then up to
/// <see cref="InferenceOptions.MaxBatchSize"/> ECGs run in one session call.
/// </summary>
public sealed class OnnxEcgScorer : IEcgScorer, IDisposable, IAsyncDisposable
{
    private readonly OnnxModelSession _session;
    private readonly Channel<ScoreRequest> _queue;
    private readonly Task _worker;
    private readonly int _maxBatchSize;
    private readonly TimeSpan _maxWait;
    private readonly RiskThresholds _thresholds;
    private readonly ILogger _logger;
    private int _disposed;

    /// <summary>Loads the model folder named by <paramref name="options"/> (see <see cref="ModelDirectory.Resolve"/>).</summary>
    /// <exception cref="ModelLoadException">The model cannot be trusted or loaded.</exception>
    public OnnxEcgScorer(InferenceOptions options, ILogger<OnnxEcgScorer>? logger = null)
        : this(ModelManifest.Load(ModelDirectory.Resolve((options ?? throw new ArgumentNullException(nameof(options))).ModelDirectory)), options, logger)
    {
    }

    /// <summary>Verifies and loads the manifest's model, warms it up and starts the batcher.</summary>
    /// <exception cref="ModelLoadException">The model cannot be trusted or loaded.</exception>
    public OnnxEcgScorer(ModelManifest manifest, InferenceOptions options, ILogger<OnnxEcgScorer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger ?? (ILogger)NullLogger.Instance;
        long started = Stopwatch.GetTimestamp();
        _session = new OnnxModelSession(manifest, options);
        long loaded = Stopwatch.GetTimestamp();
        _maxBatchSize = options.MaxBatchSize;
        _maxWait = TimeSpan.FromMilliseconds(options.MaxWaitMilliseconds);
        _thresholds = manifest.Thresholds;
        Manifest = manifest;
        Model = manifest.Identity;
        if (options.WarmUp)
        {
            WarmUp();
        }

        long loadMs = (long)Stopwatch.GetElapsedTime(started, loaded).TotalMilliseconds;
        long warmUpMs = (long)Stopwatch.GetElapsedTime(loaded).TotalMilliseconds;
        InferenceLog.ModelLoaded(_logger, manifest.Name, manifest.Version, manifest.Sha256, loadMs, warmUpMs);

        _queue = Channel.CreateUnbounded<ScoreRequest>(new UnboundedChannelOptions { SingleReader = true });
        _worker = Task.Run(RunBatchesAsync);
    }

    /// <inheritdoc />
    public ModelIdentity Model { get; }

    /// <summary>The verified manifest (preprocessing, thresholds, identity).</summary>
    public ModelManifest Manifest { get; }

    /// <summary>The preprocessing the model expects (pass it to EcgNormalizer).</summary>
    public PreprocessingOptions Preprocessing => Manifest.Preprocessing;

    /// <inheritdoc />
    public ValueTask<Prediction> ScoreAsync(EcgTensor tensor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<Prediction>(cancellationToken);
        }

        var request = new ScoreRequest(tensor);
        if (cancellationToken.CanBeCanceled)
        {
            request.Registration = cancellationToken.UnsafeRegister(
                static (state, token) => ((ScoreRequest)state!).Completion.TrySetCanceled(token), request);
        }

        if (!_queue.Writer.TryWrite(request))
        {
            request.Registration.Dispose();
            ObjectDisposedException.ThrowIf(true, this);
        }

        return new ValueTask<Prediction>(request.Completion.Task);
    }

    /// <summary>The probability of the positive class from two logits (softmax, computed stably in double).</summary>
    public static double PositiveProbability(float negativeLogit, float positiveLogit) =>
        1.0 / (1.0 + Math.Exp((double)negativeLogit - positiveLogit));

    /// <summary>Stops accepting ECGs, finishes queued ones, and releases the session.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await _worker.ConfigureAwait(false);
        _session.Dispose();
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private void WarmUp()
    {
        // One run per shape the batcher will use most: ORT plans memory per input shape.
        float[] zeros = new float[_maxBatchSize * EcgTensor.Length];
        float[] logits = new float[_maxBatchSize * OnnxModelSession.ClassCount];
        _session.Run(zeros, 1, logits);
        if (_maxBatchSize > 1)
        {
            _session.Run(zeros, _maxBatchSize, logits);
        }
    }

    private async Task RunBatchesAsync()
    {
        ChannelReader<ScoreRequest> reader = _queue.Reader;
        var batch = new List<ScoreRequest>(_maxBatchSize);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            Take(reader, batch);
            if (batch.Count > 0 && batch.Count < _maxBatchSize && _maxWait > TimeSpan.Zero)
            {
                await WaitForMoreAsync(reader, batch).ConfigureAwait(false);
            }

            if (batch.Count > 0)
            {
                ScoreBatch(batch);
            }
        }
    }

    private async Task WaitForMoreAsync(ChannelReader<ScoreRequest> reader, List<ScoreRequest> batch)
    {
        using var window = new CancellationTokenSource(_maxWait);
        try
        {
            while (batch.Count < _maxBatchSize && await reader.WaitToReadAsync(window.Token).ConfigureAwait(false))
            {
                Take(reader, batch);
            }
        }
        catch (OperationCanceledException) when (window.IsCancellationRequested)
        {
            // The wait window closed: score what we have.
        }
    }

    private void Take(ChannelReader<ScoreRequest> reader, List<ScoreRequest> batch)
    {
        while (batch.Count < _maxBatchSize && reader.TryRead(out ScoreRequest? request))
        {
            if (request.IsAbandoned)
            {
                request.Registration.Dispose();
                continue;
            }

            batch.Add(request);
        }
    }

    private Activity? StartBatchActivity(List<ScoreRequest> batch)
    {
        if (!EcgBridgeDiagnostics.ActivitySource.HasListeners())
        {
            return null;
        }

        var links = new List<ActivityLink>(batch.Count);
        foreach (ScoreRequest request in batch)
        {
            if (request.Caller != default)
            {
                links.Add(new ActivityLink(request.Caller));
            }
        }

        Activity? activity = EcgBridgeDiagnostics.ActivitySource.StartActivity(InferenceMetrics.BatchSpanName, ActivityKind.Internal, parentContext: default, links: links);
        activity?.SetTag(TelemetryTags.BatchSize, batch.Count);
        activity?.SetTag(TelemetryTags.ModelName, Model.Name);
        activity?.SetTag(TelemetryTags.ModelVersion, Model.Version);
        return activity;
    }

    private void ScoreBatch(List<ScoreRequest> batch)
    {
        int count = batch.Count;
        float[] input = ArrayPool<float>.Shared.Rent(count * EcgTensor.Length);
        float[] output = ArrayPool<float>.Shared.Rent(count * OnnxModelSession.ClassCount);
        try
        {
            for (int i = 0; i < count; i++)
            {
                batch[i].Tensor.Data.AsSpan().CopyTo(input.AsSpan(i * EcgTensor.Length, EcgTensor.Length));
            }

            long start = Stopwatch.GetTimestamp();
            using (Activity? activity = StartBatchActivity(batch))
            {
                _session.RunPooled(input, output, count);
            }

            double elapsedMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            InferenceLog.BatchScored(_logger, count, elapsedMs);
            InferenceMetrics.Record(Model, count, elapsedMs);

            int positive = _session.PositiveClassIndex;
            for (int i = 0; i < count; i++)
            {
                float negativeLogit = output[(2 * i) + 1 - positive];
                float positiveLogit = output[(2 * i) + positive];
                double probability = PositiveProbability(negativeLogit, positiveLogit);
                var prediction = new Prediction(probability, _thresholds.Classify(probability), probability >= _thresholds.Positive, Model)
                {
                    Logits = [output[2 * i], output[(2 * i) + 1]],
                    InferenceMilliseconds = elapsedMs,
                    BatchSize = count,
                };
                batch[i].Completion.TrySetResult(prediction);
            }
        }
#pragma warning disable CA1031 // The worker must survive a failed batch; its callers get the exception instead.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            InferenceLog.BatchFailed(_logger, count, ex.GetType().Name);
            foreach (ScoreRequest request in batch)
            {
                request.Completion.TrySetException(ex);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(output);
            ArrayPool<float>.Shared.Return(input);
            foreach (ScoreRequest request in batch)
            {
                request.Registration.Dispose();
            }
        }
    }
}
