using System.Diagnostics.Metrics;
using EcgBridge.Core.Telemetry;

namespace EcgBridge.Host.Telemetry;

/// <summary>
/// Instruments of the host on the shared EcgBridge meter. Tags: channel, error code, step, outcome, exception type —
/// bounded sets only (no control ids, no dedupe keys, nothing from the patient).
/// </summary>
internal static class HostMetrics
{
    public const string ReceivedName = "ecgbridge.messages.received";
    public const string AcceptedName = "ecgbridge.messages.accepted";
    public const string DuplicateName = "ecgbridge.messages.duplicate";
    public const string RejectedName = "ecgbridge.messages.rejected";
    public const string FailedName = "ecgbridge.messages.failed";
    public const string StepDurationName = "ecgbridge.step.duration";
    public const string DeliveriesName = "ecgbridge.outbox.deliveries";
    public const string QueueDepthName = "ecgbridge.queue.depth";
    public const string OutboxPendingName = "ecgbridge.outbox.pending";
    public const string OutboxLagName = "ecgbridge.outbox.lag";

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

    public static readonly Counter<long> Deliveries = EcgBridgeDiagnostics.Meter.CreateCounter<long>(
        DeliveriesName, "{row}", "Outbox delivery attempts, by kind and outcome (delivered, refused, retry).");

    // Gauges read the last sample of TelemetrySampler: a collection must never wait for the broker or the database.
    private static readonly ObservableGauge<long> QueueDepth = EcgBridgeDiagnostics.Meter.CreateObservableGauge(
        QueueDepthName, TelemetrySnapshot.QueueDepths, "{message}", "Messages ready in a RabbitMQ queue (scoring queue and its error queue).");

    private static readonly ObservableGauge<long> OutboxPending = EcgBridgeDiagnostics.Meter.CreateObservableGauge(
        OutboxPendingName, TelemetrySnapshot.OutboxPending, "{row}", "Outbox rows waiting for delivery.");

    private static readonly ObservableGauge<double> OutboxLag = EcgBridgeDiagnostics.Meter.CreateObservableGauge(
        OutboxLagName, TelemetrySnapshot.OutboxLagSeconds, "s", "Age of the oldest outbox row waiting for delivery (0 when none waits).");

    /// <summary>Creates the gauges (static fields are initialised on first use of the class).</summary>
    public static void EnsureGauges() => GC.KeepAlive((QueueDepth, OutboxPending, OutboxLag));

    public static void RecordFormatStep(string step, string format, double milliseconds) =>
        StepDuration.Record(milliseconds, new KeyValuePair<string, object?>(TelemetryTags.Step, step), new KeyValuePair<string, object?>(TelemetryTags.Format, format));

    public static void RecordStep(string step, string channel, double milliseconds) =>
        StepDuration.Record(milliseconds, new KeyValuePair<string, object?>(TelemetryTags.Step, step), new KeyValuePair<string, object?>(TelemetryTags.Channel, channel));
}
