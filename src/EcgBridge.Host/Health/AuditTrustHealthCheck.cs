using System.Diagnostics.Metrics;
using EcgBridge.Audit;
using EcgBridge.Core.Audit;
using EcgBridge.Core.Telemetry;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EcgBridge.Host.Health;

/// <summary>
/// Readiness of the audit trail's trust anchors: Healthy when checkpoints are signed and witnessed (or deliberately off:
/// no key configured, said in the description); Degraded (still accepting) when the witness or the key has a problem and
/// the store is configured to carry on; Unhealthy when
/// the store refuses appends (witness required but unwritable). The code is in the description and in the
/// <c>ecgbridge.audit.trust</c> gauge (1 = problem).
/// </summary>
internal sealed class AuditTrustHealthCheck(IAuditStore store) : IHealthCheck
{
    private static AuditCheckpointStatus _last = AuditCheckpointStatus.Healthy;

    private static readonly ObservableGauge<int> Trust = EcgBridgeDiagnostics.Meter.CreateObservableGauge(
        "ecgbridge.audit.trust", () => new Measurement<int>(_last.Code is null ? 0 : 1, new KeyValuePair<string, object?>(TelemetryTags.ErrorCode, _last.Code ?? "none")),
        "{problem}", "1 while the audit checkpoints are not signed and witnessed (witness unwritable, signing key missing), by code.");

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        GC.KeepAlive(Trust);
        if (store is not EfAuditStore ef)
        {
            return Task.FromResult(HealthCheckResult.Healthy());
        }

        _last = ef.CheckpointStatus;
        HealthCheckResult result = _last switch
        {
            { Code: null } => HealthCheckResult.Healthy(),
            // PostgreSQL without a configured key writes no checkpoints by design (docs/audit.md): said, not degraded.
            { Code: AuditCodes.SigningKeyMissing, AcceptingWrites: true } => HealthCheckResult.Healthy("checkpoints off: " + AuditCodes.SigningKeyMissing),
            { AcceptingWrites: false } => HealthCheckResult.Unhealthy(_last.Code),
            _ => HealthCheckResult.Degraded(_last.Code),
        };
        return Task.FromResult(result);
    }
}
