using EcgBridge.Core.Audit;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EcgBridge.Host.Health;

/// <summary>Ready only when the audit store answers a query (PostgreSQL or the SQLite file).</summary>
internal sealed class DatabaseHealthCheck(IAuditLog store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.SearchAuditAsync(new AuditFilter { DedupeKey = "health-check" }, 0, 1, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
#pragma warning disable CA1031 // Any failure means "not ready"; the exception type is enough (no text: it may quote SQL).
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy(ex.GetType().Name);
        }
    }
}
