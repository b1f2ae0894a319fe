using System.Buffers;
using EcgBridge.Core;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EcgBridge.Inference;

/// <summary>
/// One cached ONNX Runtime session over a verified model: the bytes hashed are the bytes loaded, and the session's input
/// and output metadata must match the manifest. Thread-safe; runs are synchronous and compute-bound.
/// </summary>
public sealed class OnnxModelSession : IDisposable
{
    /// <summary>Logits per ECG.</summary>
    public const int ClassCount = 2;

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    /// <summary>Verifies model.onnx against the manifest and opens the session.</summary>
    /// <exception cref="ModelLoadException">Missing file, hash mismatch, or a model whose tensors do not match.</exception>
    public OnnxModelSession(ModelManifest manifest, InferenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(options);
        Manifest = manifest;
        if (!File.Exists(manifest.ModelPath))
        {
            InferenceThrow.ModelLoad(InferenceCodes.ModelFileMissing, $"{ModelManifest.ModelFileName} not found in {manifest.Directory}.");
        }

        // Hash and load the same bytes, so the file cannot change between the check and the load.
        byte[] model = File.ReadAllBytes(manifest.ModelPath);
        string actual = ModelManifest.ComputeSha256(model);
        if (!string.Equals(actual, manifest.Sha256, StringComparison.Ordinal))
        {
            InferenceThrow.ModelLoad(
                InferenceCodes.HashMismatch,
                $"sha256 of {manifest.ModelPath} is {actual}, the manifest says {manifest.Sha256}.");
        }

        using SessionOptions sessionOptions = CreateSessionOptions(options);
        try
        {
            _session = new InferenceSession(model, sessionOptions);
        }
        catch (OnnxRuntimeException ex)
        {
            _runOptions.Dispose();
            InferenceThrow.ModelLoad(InferenceCodes.SessionFailed, $"ONNX Runtime cannot load {manifest.ModelPath}.", ex);
            throw; // unreachable: the helper does not return
        }

        try
        {
            CheckMetadata(manifest);
        }
        catch
        {
            Dispose();
            throw;
        }

        _inputNames = [manifest.Input.Name];
        _outputNames = [manifest.Output.Name];
        PositiveClassIndex = manifest.Output.PositiveClassIndex;
    }

    /// <summary>The verified manifest.</summary>
    public ModelManifest Manifest { get; }

    /// <summary>Index of the positive class in each ECG's logits.</summary>
    public int PositiveClassIndex { get; }

    /// <summary>The session options EcgBridge uses: full graph optimization, sequential execution, memory pattern and arena.</summary>
    public static SessionOptions CreateSessionOptions(InferenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = options.IntraOpThreads > 0 ? options.IntraOpThreads : Environment.ProcessorCount,
            InterOpNumThreads = 1,
            EnableMemoryPattern = true,
            EnableCpuMemArena = true,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", options.AllowSpinning ? "1" : "0");
        if (!string.IsNullOrEmpty(options.OptimizedModelPath))
        {
            sessionOptions.OptimizedModelFilePath = options.OptimizedModelPath;
        }

        return sessionOptions;
    }

    /// <summary>
    /// Scores <paramref name="batchSize"/> ECGs: <paramref name="input"/> holds batchSize × 12 × 5000 values (lead-major per
    /// ECG), <paramref name="logits"/> receives batchSize × 2 values.
    /// </summary>
    public void Run(ReadOnlySpan<float> input, int batchSize, Span<float> logits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        int inputLength = checked(batchSize * EcgTensor.Length);
        int outputLength = batchSize * ClassCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(input.Length, inputLength, nameof(input));
        ArgumentOutOfRangeException.ThrowIfLessThan(logits.Length, outputLength, nameof(logits));

        float[] inputBuffer = ArrayPool<float>.Shared.Rent(inputLength);
        float[] outputBuffer = ArrayPool<float>.Shared.Rent(outputLength);
        try
        {
            input[..inputLength].CopyTo(inputBuffer);
            RunPooled(inputBuffer, outputBuffer, batchSize);
            outputBuffer.AsSpan(0, outputLength).CopyTo(logits);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(outputBuffer);
            ArrayPool<float>.Shared.Return(inputBuffer);
        }
    }

    /// <summary>Runs over caller-owned (pooled) buffers without copying; the OrtValues are gone when this returns.</summary>
    internal void RunPooled(float[] inputBuffer, float[] outputBuffer, int batchSize)
    {
        long[] inputShape = [batchSize, 1, EcgTensor.LeadCount, EcgTensor.SampleCount];
        long[] outputShape = [batchSize, ClassCount];
        using OrtValue inputValue = OrtValue.CreateTensorValueFromMemory(
            OrtMemoryInfo.DefaultInstance, inputBuffer.AsMemory(0, batchSize * EcgTensor.Length), inputShape);
        using OrtValue outputValue = OrtValue.CreateTensorValueFromMemory(
            OrtMemoryInfo.DefaultInstance, outputBuffer.AsMemory(0, batchSize * ClassCount), outputShape);
        _session.Run(_runOptions, _inputNames, [inputValue], _outputNames, [outputValue]);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _session?.Dispose();
        _runOptions.Dispose();
    }

    private void CheckMetadata(ModelManifest manifest)
    {
        IReadOnlyDictionary<string, NodeMetadata> inputs = _session.InputMetadata;
        if (inputs.Count != 1
            || !inputs.TryGetValue(manifest.Input.Name, out NodeMetadata? input)
            || input.ElementDataType != TensorElementType.Float
            || !DimensionsMatch(input.Dimensions, manifest.Input.Shape))
        {
            InferenceThrow.ModelLoad(
                InferenceCodes.InputShapeMismatch,
                $"model input is {Describe(inputs)}, the manifest says {manifest.Input.Name} float32[{ModelManifest.FormatShape(manifest.Input.Shape)}].");
        }

        IReadOnlyDictionary<string, NodeMetadata> outputs = _session.OutputMetadata;
        if (!outputs.TryGetValue(manifest.Output.Name, out NodeMetadata? output)
            || output.ElementDataType != TensorElementType.Float
            || !DimensionsMatch(output.Dimensions, manifest.Output.Shape))
        {
            InferenceThrow.ModelLoad(
                InferenceCodes.OutputShapeMismatch,
                $"model output is {Describe(outputs)}, the manifest says {manifest.Output.Name} float32[{ModelManifest.FormatShape(manifest.Output.Shape)}].");
        }
    }

    private static bool DimensionsMatch(int[] actual, IReadOnlyList<long> expected)
    {
        if (actual.Length != expected.Count)
        {
            return false;
        }

        for (int i = 0; i < actual.Length; i++)
        {
            // Dynamic axes are -1 in ORT's metadata; the manifest marks them -1 (or 0).
            bool dynamicExpected = expected[i] <= 0;
            bool same = dynamicExpected ? actual[i] < 0 : actual[i] == expected[i];
            if (!same)
            {
                return false;
            }
        }

        return true;
    }

    private static string Describe(IReadOnlyDictionary<string, NodeMetadata> nodes)
    {
        var parts = new List<string>(nodes.Count);
        foreach ((string name, NodeMetadata node) in nodes)
        {
            var dims = new long[node.Dimensions.Length];
            for (int i = 0; i < dims.Length; i++)
            {
                dims[i] = node.Dimensions[i];
            }

            parts.Add($"{name} {node.ElementDataType}[{ModelManifest.FormatShape(dims)}]");
        }

        return string.Join("; ", parts);
    }
}
