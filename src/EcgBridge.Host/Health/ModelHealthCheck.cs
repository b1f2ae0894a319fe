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
            IReadOnlyList<IEcgScorer> shadows = services.GetRequiredService<IShadowScorers>().Scorers;
            var data = new Dictionary<string, object> { ["primary"] = $"{scorer.Model.Name} {scorer.Model.Version} sha256:{scorer.Model.Sha256}" };
            for (int i = 0; i < shadows.Count; i++)
            {
                data["shadow" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = $"{shadows[i].Model.Name} {shadows[i].Model.Version} sha256:{shadows[i].Model.Sha256}";
            }

            string description = scorer.Model.Name + " " + scorer.Model.Version + (shadows.Count == 0 ? "" : " + shadow " + string.Join(", ", shadows.Select(s => s.Model.Name + " " + s.Model.Version)));
            return Task.FromResult(HealthCheckResult.Healthy(description, data));
        }
#pragma warning disable CA1031 // Any failure means "not ready".
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(ex.GetType().Name));
        }
    }
}
