using EcgBridge.Core.Scoring;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EcgBridge.Host.Health;

/// <summary>Ready only when the ONNX model is loaded (resolving the scorer loads and verifies it).</summary>
internal sealed class ModelHealthCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            IEcgScorer scorer = services.GetRequiredService<IEcgScorer>();
            return Task.FromResult(HealthCheckResult.Healthy(scorer.Model.Name + " " + scorer.Model.Version));
        }
#pragma warning disable CA1031 // Any failure means "not ready".
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(ex.GetType().Name));
        }
    }
}
