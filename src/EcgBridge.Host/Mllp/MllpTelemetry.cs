using System.Diagnostics.Metrics;
using EcgBridge.Core.Telemetry;

namespace EcgBridge.Host.Mllp;

/// <summary>MLLP listener counters: discarded bytes by HL7-MLLP-* code, connections closed and refused by reason.</summary>
internal static class MllpTelemetry
{
    public const string DiscardedName = "ecgbridge.mllp.discarded";
    public const string ClosedName = "ecgbridge.mllp.connections.closed";
    public const string RefusedName = "ecgbridge.mllp.connections.refused";

    private static readonly Counter<long> DiscardedCounter = EcgBridgeDiagnostics.Meter.CreateCounter<long>(
        DiscardedName, "{event}", "Bytes discarded by the MLLP decoder, by code (outside a frame, frame too large, unterminated).");

    private static readonly Counter<long> ClosedCounter = EcgBridgeDiagnostics.Meter.CreateCounter<long>(
        ClosedName, "{connection}", "MLLP connections ended, by reason (closed, idle-timeout, frame-timeout, frame-too-large, ...).");

    private static readonly Counter<long> RefusedCounter = EcgBridgeDiagnostics.Meter.CreateCounter<long>(
        RefusedName, "{connection}", "MLLP connections refused on accept, by reason (listener-full, peer-limit, reserve-only).");

    public static void Discarded(string code) => DiscardedCounter.Add(1, new KeyValuePair<string, object?>(TelemetryTags.ErrorCode, code));

    public static void Closed(string reason) => ClosedCounter.Add(1, new KeyValuePair<string, object?>(TelemetryTags.Reason, reason));

    public static void Refused(string reason) => RefusedCounter.Add(1, new KeyValuePair<string, object?>(TelemetryTags.Reason, reason));
}
