using System.Diagnostics.Metrics;
using EcgBridge.Core.Telemetry;

namespace EcgBridge.Pipeline.Telemetry;

/// <summary>
/// Instruments of the pipeline steps on the shared EcgBridge meter. Tags: channel, error code, step, outcome, exception
/// type — bounded sets only (no control ids, no dedupe keys, nothing from the patient).
/// </summary>
internal static class PipelineMetrics
{
    public const string ReceivedName = "ecgbridge.messages.received";
    public const string AcceptedName = "ecgbridge.messages.accepted";
    public const string DuplicateName = "ecgbridge.messages.duplicate";
    public const string RejectedName = "ecgbridge.messages.rejected";
    public const string FailedName = "ecgbridge.messages.failed";
    public const string StepDurationName = "ecgbridge.step.duration";

    public static readonly Counter<long> Received = EcgBridgeDiagnostics.Meter.CreateCounter<long>(
        ReceivedName, "{message}", "Messages received, by channel.");

    public static readonly Counter<long> Accepted = EcgBridgeDiagnostics.Meter.CreateCounter<long>(
        AcceptedName, "{message}", "Messages accepted (durable, answered AA/201), by channel.");

    public static readonly Counter<long> Duplicate = EcgBridgeDiagnostics.Meter.CreateCounter<long>(
        DuplicateName, "{message}", "Resent messages answered with the first answer, by channel.");

    public static readonly Counter<long> Rejected = EcgBridgeDiagnostics.Meter.CreateCounter<long>(
        RejectedName, "{message}", "Messages rejected, by channel, step (accept or score) and first error code.");

    public static readonly Counter<long> Failed = EcgBridgeDiagnostics.Meter.CreateCounter<long>(
        FailedName, "{message}", "Messages answered AE/503 because of an infrastructure fault, by channel and exception type.");

    public static readonly Histogram<double> StepDuration = EcgBridgeDiagnostics.Meter.CreateHistogram<double>(
        StepDurationName, "ms", "Duration of one pipeline step (accept, decode, normalize, score, record, deliver).");

    public static void RecordFormatStep(string step, string format, double milliseconds) =>
        StepDuration.Record(milliseconds, new KeyValuePair<string, object?>(TelemetryTags.Step, step), new KeyValuePair<string, object?>(TelemetryTags.Format, format));

    public static void RecordStep(string step, string channel, double milliseconds) =>
        StepDuration.Record(milliseconds, new KeyValuePair<string, object?>(TelemetryTags.Step, step), new KeyValuePair<string, object?>(TelemetryTags.Channel, channel));

    /// <summary>Shadow scores by model and whether their qualitative risk agreed with the primary's.</summary>
    public static readonly Counter<long> Shadow = EcgBridgeDiagnostics.Meter.CreateCounter<long>(
        "ecgbridge.shadow.scored", unit: "{ecg}", description: "ECGs scored by a shadow model, by model and agreement of the qualitative risk with the primary");

    public static void RecordShadow(string model, bool agrees) =>
        Shadow.Add(1, new KeyValuePair<string, object?>(TelemetryTags.ModelName, model), new KeyValuePair<string, object?>("agrees", agrees));
}
