using System.Diagnostics.Metrics;
using EcgBridge.Core.Telemetry;

namespace EcgBridge.Pipeline.Telemetry;

/// <summary>Instruments of the deliver step and of coverage refusals (deliveries and FHIR reads share the refusal counter).</summary>
public static class DeliveryMetrics
{
    /// <summary>Name of <see cref="Deliveries"/>.</summary>
    public const string DeliveriesName = "ecgbridge.outbox.deliveries";

    /// <summary>Outbox delivery attempts, by kind and outcome.</summary>
    public static readonly Counter<long> Deliveries = EcgBridgeDiagnostics.Meter.CreateCounter<long>(
        DeliveriesName, "{row}", "Outbox delivery attempts, by kind and outcome (delivered, refused, retry).");

    /// <summary>Reads or deliveries refused because the stored document did not match its audit row's hash.</summary>
    public static readonly Counter<long> CoverageRefusals = EcgBridgeDiagnostics.Meter.CreateCounter<long>(
        "ecgbridge.audit.coverage.refused", "{read}", "Reads or deliveries refused because the stored document did not match its audit row's hash, by code.");
}
