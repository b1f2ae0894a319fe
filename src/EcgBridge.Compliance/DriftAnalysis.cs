using EcgBridge.Core.Audit;

namespace EcgBridge.Compliance;

/// <summary>The score distribution of one model version from one source: the current window against the reference window.</summary>
public sealed record DriftResult
{
    /// <summary>Model name and version.</summary>
    public required string Model { get; init; }

    /// <summary>Source system (MSH-3^MSH-4, FHIR client, folder), or "(all)".</summary>
    public required string Source { get; init; }

    /// <summary>Scored ECGs in the reference window.</summary>
    public required int ReferenceCount { get; init; }

    /// <summary>Scored ECGs in the current window.</summary>
    public required int CurrentCount { get; init; }

    /// <summary>Population stability index of the probability histogram (null when either window has too few ECGs).</summary>
    public required double? Psi { get; init; }

    /// <summary>Share of the reference window per probability bin.</summary>
    public required double[] ReferenceShares { get; init; }

    /// <summary>Share of the current window per probability bin.</summary>
    public required double[] CurrentShares { get; init; }

    /// <summary>True when <see cref="Psi"/> exceeds the threshold the analysis was run with.</summary>
    public required bool Drifted { get; init; }
}

/// <summary>
/// Drift of the score distribution: per model version and source system, the population stability index (PSI) of the
/// probability histogram (10 equal bins on [0, 1]) of a current window against a reference window. PSI = Σ (c − r)·ln(c/r)
/// over bins, with empty bins floored at 0.0001. Rule of thumb: below 0.1 stable, 0.1–0.25 moderate, above 0.25 major.
/// </summary>
public static class DriftAnalysis
{
    /// <summary>Bins of the probability histogram.</summary>
    public const int Bins = 10;

    /// <summary>The default alert threshold.</summary>
    public const double DefaultThreshold = 0.2;

    /// <summary>Fewer scored ECGs than this in either window: no PSI (it would be noise).</summary>
    public const int DefaultMinimumCount = 50;

    private const double Floor = 1e-4;

    /// <summary>Compares the Scored rows of two windows; other outcomes are ignored.</summary>
    public static IReadOnlyList<DriftResult> Analyze(
        IEnumerable<AuditEntry> reference, IEnumerable<AuditEntry> current, double threshold = DefaultThreshold, int minimumCount = DefaultMinimumCount)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        Dictionary<(string, string), List<double>> referenceGroups = Group(reference);
        Dictionary<(string, string), List<double>> currentGroups = Group(current);
        return [.. currentGroups.Keys.Union(referenceGroups.Keys)
            .Order()
            .Select(key =>
            {
                List<double> r = referenceGroups.GetValueOrDefault(key) ?? [];
                List<double> c = currentGroups.GetValueOrDefault(key) ?? [];
                double[] rs = Shares(r);
                double[] cs = Shares(c);
                double? psi = r.Count >= minimumCount && c.Count >= minimumCount ? Psi(rs, cs) : null;
                return new DriftResult
                {
                    Model = key.Item1,
                    Source = key.Item2,
                    ReferenceCount = r.Count,
                    CurrentCount = c.Count,
                    Psi = psi,
                    ReferenceShares = rs,
                    CurrentShares = cs,
                    Drifted = psi > threshold,
                };
            })];
    }

    /// <summary>PSI of two histograms given as shares (each summing to 1, or all zero).</summary>
    public static double Psi(IReadOnlyList<double> reference, IReadOnlyList<double> current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        double psi = 0;
        for (int i = 0; i < reference.Count; i++)
        {
            double r = Math.Max(reference[i], Floor);
            double c = Math.Max(current[i], Floor);
            psi += (c - r) * Math.Log(c / r);
        }

        return psi;
    }

    /// <summary>Share of the probabilities per bin (a probability of exactly 1 falls in the last bin).</summary>
    public static double[] Shares(IReadOnlyCollection<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        double[] shares = new double[Bins];
        if (probabilities.Count == 0)
        {
            return shares;
        }

        foreach (double p in probabilities)
        {
            shares[Math.Clamp((int)(p * Bins), 0, Bins - 1)]++;
        }

        for (int i = 0; i < Bins; i++)
        {
            shares[i] /= probabilities.Count;
        }

        return shares;
    }

    private static Dictionary<(string, string), List<double>> Group(IEnumerable<AuditEntry> rows)
    {
        var groups = new Dictionary<(string, string), List<double>>();
        foreach (AuditEntry row in rows)
        {
            if (row.Outcome is not (AuditOutcome.Scored or AuditOutcome.ShadowScored) || row.Probability is not { } p)
            {
                continue;
            }

            (string, string) key = (row.ModelName + " " + row.ModelVersion, row.SourceSystem ?? "(unknown)");
            if (!groups.TryGetValue(key, out List<double>? list))
            {
                groups[key] = list = [];
            }

            list.Add(p);
        }

        return groups;
    }
}
