using System.Diagnostics.Metrics;
using EcgBridge.Core.Scoring;
using EcgBridge.Core.Telemetry;

namespace EcgBridge.Inference;

/// <summary>Instruments of the micro-batcher on the shared EcgBridge meter: batch sizes and model latency, by model.</summary>
internal static class InferenceMetrics
{
    public const string BatchSpanName = "inference batch";
    public const string BatchSizeName = "ecgbridge.inference.batch.size";
    public const string DurationName = "ecgbridge.inference.duration";

    private static readonly Histogram<int> BatchSize = EcgBridgeDiagnostics.Meter.CreateHistogram<int>(
        BatchSizeName, "{ecg}", "ECGs per model run.", advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64] });

    private static readonly Histogram<double> Duration = EcgBridgeDiagnostics.Meter.CreateHistogram<double>(
        DurationName, "ms", "Model latency: one ONNX Runtime run of a batch.");

    public static void Record(ModelIdentity model, int batchSize, double milliseconds)
    {
        var name = new KeyValuePair<string, object?>(TelemetryTags.ModelName, model.Name);
        var version = new KeyValuePair<string, object?>(TelemetryTags.ModelVersion, model.Version);
        BatchSize.Record(batchSize, name, version);
        Duration.Record(milliseconds, name, version);
    }
}
