using System.Diagnostics.Metrics;
using EcgBridge.Compliance;
using EcgBridge.Core.Audit;
using EcgBridge.Core.Telemetry;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace EcgBridge.Host.Health;

/// <summary>
/// Compares, every <see cref="DriftOptions.IntervalSeconds"/>, the score distribution of the last
/// <see cref="DriftOptions.WindowHours"/> with the <see cref="DriftOptions.ReferenceDays"/> before, per model version
/// (primary and shadow) and source system, and the inputs (heart rate, amplitude, quality-gate refusals;
/// <see cref="DriftAnalysis"/>), publishes the PSI as a metric and keeps the latest results for the <c>drift</c> check.
/// </summary>
internal sealed partial class DriftMonitor(IAuditStore store, IOptions<DriftOptions> options, TimeProvider time, ILogger<DriftMonitor> logger) : BackgroundService
{
    private static readonly Dictionary<(string Model, string Source, string Statistic), double> Gauges = [];
    private static readonly Lock GaugeGate = new();
    private static readonly ObservableGauge<double> PsiGauge = EcgBridgeDiagnostics.Meter.CreateObservableGauge(
        "ecgbridge.drift.psi",
        ObservePsi,
        unit: "1",
        description: "Population stability index (current window vs reference) of the score distribution and of the input statistics, by model, source system and statistic.");

    private volatile IReadOnlyList<DriftResult> _latest = [];

    /// <summary>The results of the last comparison (empty before the first).</summary>
    public IReadOnlyList<DriftResult> Latest => _latest;

    /// <summary>When the last comparison ran.</summary>
    public DateTimeOffset? CheckedAt { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DriftOptions settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        _ = PsiGauge;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.IntervalSeconds), time);
        do
        {
            try
            {
                await CheckAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be briefly away; the next tick tries again. The type only, never data.
                LogCheckFailed(logger, ex.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Runs one comparison now.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        DriftOptions settings = options.Value;
        DateTimeOffset now = time.GetUtcNow();
        DateTimeOffset windowStart = now.AddHours(-settings.WindowHours);
        DateTimeOffset referenceStart = windowStart.AddDays(-settings.ReferenceDays);
        List<AuditEntry> current = await ReadAsync(windowStart, now, cancellationToken).ConfigureAwait(false);
        List<AuditEntry> reference = await ReadAsync(referenceStart, windowStart, cancellationToken).ConfigureAwait(false);

        // Input statistics are written with the Scored row (same transaction, same time), so the windows match.
        IReadOnlyDictionary<long, Core.Normalization.EcgFeatures> features = await store.ReadFeaturesAsync(referenceStart, now, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<DriftResult> results =
        [
            .. DriftAnalysis.Analyze(reference, current, settings.PsiThreshold, settings.MinimumCount),
            .. DriftAnalysis.AnalyzeInputs(reference, current, features, settings.PsiThreshold, settings.MinimumCount),
        ];
        lock (GaugeGate)
        {
            Gauges.Clear();
            foreach (DriftResult result in results.Where(r => r.Psi is not null))
            {
                Gauges[(result.Model, result.Source, result.Statistic)] = result.Psi!.Value;
            }
        }

        _latest = results;
        CheckedAt = now;
        foreach (DriftResult result in results.Where(r => r.Drifted))
        {
            LogDrift(logger, result.Statistic, result.Model, result.Source, result.Psi!.Value, result.ReferenceCount, result.CurrentCount);
        }
    }

    private async Task<List<AuditEntry>> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        // Scores as analysis columns only; refusals whole (their codes say whether the quality gate refused them).
        var window = new ComplianceFilter { From = from, To = to };
        List<AuditEntry> rows = await ComplianceSearch.ReadScoresAsync(store, window with { Outcome = AuditOutcome.Scored }, cancellationToken).ConfigureAwait(false);
        rows.AddRange(await ComplianceSearch.ReadScoresAsync(store, window with { Outcome = AuditOutcome.ShadowScored }, cancellationToken).ConfigureAwait(false));
        await foreach (AuditEntry entry in ComplianceSearch.EnumerateAsync(store, window with { Outcome = AuditOutcome.Rejected }, ComplianceSearch.BulkPageSize, cancellationToken).ConfigureAwait(false))
        {
            rows.Add(entry);
        }

        return rows;
    }

    private static IEnumerable<Measurement<double>> ObservePsi()
    {
        lock (GaugeGate)
        {
            return [.. Gauges.Select(g => new Measurement<double>(g.Value, new KeyValuePair<string, object?>(TelemetryTags.ModelName, g.Key.Model), new KeyValuePair<string, object?>("source", g.Key.Source), new KeyValuePair<string, object?>("statistic", g.Key.Statistic)))];
        }
    }

    [LoggerMessage(EventId = 7401, Level = LogLevel.Warning, Message = "Drift of {Statistic}: model {Model} source {Source} PSI {Psi:F3} (reference n={ReferenceCount}, current n={CurrentCount})")]
    private static partial void LogDrift(ILogger logger, string statistic, string model, string source, double psi, int referenceCount, int currentCount);

    [LoggerMessage(EventId = 7402, Level = LogLevel.Warning, Message = "Drift check failed ({ExceptionType}); retried at the next interval")]
    private static partial void LogCheckFailed(ILogger logger, string exceptionType);
}

/// <summary>Degraded (never Unhealthy) while a model version's score distribution from a source has drifted.</summary>
internal sealed class DriftHealthCheck(DriftMonitor monitor, IOptions<DriftOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.Enabled)
        {
            return Task.FromResult(HealthCheckResult.Healthy("drift monitoring off"));
        }

        var data = new Dictionary<string, object>();
        foreach (DriftResult result in monitor.Latest.Where(r => r.Psi is not null))
        {
            data[result.Statistic + ": " + result.Model + " @ " + result.Source] = Math.Round(result.Psi!.Value, 4);
        }

        List<DriftResult> drifted = [.. monitor.Latest.Where(r => r.Drifted)];
        return Task.FromResult(drifted.Count == 0
            ? HealthCheckResult.Healthy(monitor.CheckedAt is null ? "not checked yet" : "no drift", data)
            : HealthCheckResult.Degraded(
                $"drift (PSI > {options.Value.PsiThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture)}): "
                + string.Join("; ", drifted.Select(d => $"{d.Statistic} of {d.Model} @ {d.Source} PSI {d.Psi!.Value.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)}")),
                data: data));
    }
}
