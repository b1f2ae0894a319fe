using System.Diagnostics.Metrics;
using EcgBridge.Core.Telemetry;

namespace EcgBridge.Host.Telemetry;

/// <summary>
/// Instruments of the host on the shared EcgBridge meter. Tags: channel, error code, step, outcome, exception type —
/// bounded sets only (no control ids, no dedupe keys, nothing from the patient).
/// </summary>
internal static class HostMetrics
{
    public const string QueueDepthName = "ecgbridge.queue.depth";
    public const string OutboxPendingName = "ecgbridge.outbox.pending";
    public const string OutboxLagName = "ecgbridge.outbox.lag";

    // Gauges read the last sample of TelemetrySampler: a collection must never wait for the broker or the database.
    private static readonly ObservableGauge<long> QueueDepth = EcgBridgeDiagnostics.Meter.CreateObservableGauge(
        QueueDepthName, TelemetrySnapshot.QueueDepths, "{message}", "Messages ready in a RabbitMQ queue (scoring queue and its error queue).");

    private static readonly ObservableGauge<long> OutboxPending = EcgBridgeDiagnostics.Meter.CreateObservableGauge(
        OutboxPendingName, TelemetrySnapshot.OutboxPending, "{row}", "Outbox rows waiting for delivery.");

    private static readonly ObservableGauge<double> OutboxLag = EcgBridgeDiagnostics.Meter.CreateObservableGauge(
        OutboxLagName, TelemetrySnapshot.OutboxLagSeconds, "s", "Age of the oldest outbox row waiting for delivery (0 when none waits).");

    /// <summary>Creates the gauges (static fields are initialised on first use of the class).</summary>
    public static void EnsureGauges() => GC.KeepAlive((QueueDepth, OutboxPending, OutboxLag));
}
