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

    /// <summary>
    /// What was compared: <c>score</c> (the probability), <c>heart-rate</c> or <c>amplitude</c> of the scored inputs, or
    /// <c>quality-rejections</c> (share of ECGs the quality gate refused; model "(quality gate)").
    /// </summary>
    public string Statistic { get; init; } = DriftAnalysis.Score;
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

    /// <summary>Statistic names (<see cref="DriftResult.Statistic"/>).</summary>
    public const string Score = "score";

    /// <inheritdoc cref="Score"/>
    public const string HeartRate = "heart-rate";

    /// <inheritdoc cref="Score"/>
    public const string Amplitude = "amplitude";

    /// <inheritdoc cref="Score"/>
    public const string QualityRejections = "quality-rejections";

    /// <summary>The model name of quality-gate results (rejections have no model).</summary>
    public const string QualityGate = "(quality gate)";

    private const double Floor = 1e-4;

    // Heart rate (bpm) and amplitude (median lead peak-to-peak, mV) bin edges: ten bins each, the last open.
    private static readonly double[] HeartRateEdges = [50, 60, 70, 80, 90, 100, 110, 130, 160];
    private static readonly double[] AmplitudeEdges = [0.5, 1, 1.5, 2, 2.5, 3, 4, 5, 7];

    // The quality gate's refusals (EcgCodes): a rising share means a feed's electrodes, carts or filters changed.
    private static readonly string[] QualityCodes = ["ECG-LEAD-FLAT", "ECG-LEAD-SATURATED", "ECG-AMPLITUDE-IMPLAUSIBLE", "ECG-SAMPLE-INVALID", "ECG-LEAD-DUPLICATE"];

    /// <summary>
    /// Input drift: per model version and source, PSI of the heart-rate and amplitude histograms of the Scored rows that
    /// have input statistics (<paramref name="features"/> by sequence number), and per source the share of ECGs the
    /// quality gate refused (Rejected rows with a quality code against them plus the Scored rows) as a two-bin PSI.
    /// </summary>
    public static IReadOnlyList<DriftResult> AnalyzeInputs(
        IReadOnlyCollection<AuditEntry> reference,
        IReadOnlyCollection<AuditEntry> current,
        IReadOnlyDictionary<long, Core.Normalization.EcgFeatures> features,
        double threshold = DefaultThreshold,
        int minimumCount = DefaultMinimumCount)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(features);
        var results = new List<DriftResult>();
        foreach ((string statistic, Func<Core.Normalization.EcgFeatures, double?> value, double[] edges) in new (string, Func<Core.Normalization.EcgFeatures, double?>, double[])[]
        {
            (HeartRate, f => f.HeartRateBpm, HeartRateEdges),
            (Amplitude, f => f.AmplitudeMillivolts, AmplitudeEdges),
        })
        {
            Dictionary<(string, string), List<double>> r = GroupInputs(reference, features, value);
            Dictionary<(string, string), List<double>> c = GroupInputs(current, features, value);
            results.AddRange(Compare(r, c, statistic, values => Shares(values, edges), threshold, minimumCount));
        }

        Dictionary<(string, string), List<double>> rq = GroupQuality(reference);
        Dictionary<(string, string), List<double>> cq = GroupQuality(current);
        results.AddRange(Compare(rq, cq, QualityRejections, values => Shares(values, [0.5]), threshold, minimumCount));
        return results;
    }

    /// <summary>Compares the Scored rows of two windows; other outcomes are ignored.</summary>
    public static IReadOnlyList<DriftResult> Analyze(
        IEnumerable<AuditEntry> reference, IEnumerable<AuditEntry> current, double threshold = DefaultThreshold, int minimumCount = DefaultMinimumCount)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        return Compare(Group(reference), Group(current), Score, Shares, threshold, minimumCount);
    }

    private static List<DriftResult> Compare(
        Dictionary<(string, string), List<double>> referenceGroups,
        Dictionary<(string, string), List<double>> currentGroups,
        string statistic,
        Func<List<double>, double[]> shares,
        double threshold,
        int minimumCount) =>
        [.. currentGroups.Keys.Union(referenceGroups.Keys)
            .Order()
            .Select(key =>
            {
                List<double> r = referenceGroups.GetValueOrDefault(key) ?? [];
                List<double> c = currentGroups.GetValueOrDefault(key) ?? [];
                double[] rs = shares(r);
                double[] cs = shares(c);
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
                    Statistic = statistic,
                };
            })];

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

    /// <summary>Share of the values per bin between the given inner edges (edges.Length + 1 bins).</summary>
    public static double[] Shares(IReadOnlyCollection<double> values, IReadOnlyList<double> edges)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(edges);
        double[] shares = new double[edges.Count + 1];
        foreach (double v in values)
        {
            int bin = 0;
            while (bin < edges.Count && v >= edges[bin])
            {
                bin++;
            }

            shares[bin]++;
        }

        for (int i = 0; i < shares.Length && values.Count > 0; i++)
        {
            shares[i] /= values.Count;
        }

        return shares;
    }

    private static Dictionary<(string, string), List<double>> GroupInputs(
        IEnumerable<AuditEntry> rows, IReadOnlyDictionary<long, Core.Normalization.EcgFeatures> features, Func<Core.Normalization.EcgFeatures, double?> value)
    {
        var groups = new Dictionary<(string, string), List<double>>();
        foreach (AuditEntry row in rows)
        {
            if (row.Outcome != AuditOutcome.Scored || !features.TryGetValue(row.Sequence, out Core.Normalization.EcgFeatures? f) || value(f) is not { } v)
            {
                continue;
            }

            Add(groups, (row.ModelName + " " + row.ModelVersion, row.SourceSystem ?? "(unknown)"), v);
        }

        return groups;
    }

    // 1 for an ECG the quality gate refused, 0 for one it passed (scored by the primary).
    private static Dictionary<(string, string), List<double>> GroupQuality(IEnumerable<AuditEntry> rows)
    {
        var groups = new Dictionary<(string, string), List<double>>();
        foreach (AuditEntry row in rows)
        {
            bool refused = row.Outcome == AuditOutcome.Rejected
                && row.ErrorCodes.Any(code => QualityCodes.Any(q => code.StartsWith(q, StringComparison.Ordinal)));
            if (refused || row.Outcome == AuditOutcome.Scored)
            {
                Add(groups, (QualityGate, row.SourceSystem ?? "(unknown)"), refused ? 1 : 0);
            }
        }

        return groups;
    }

    private static void Add(Dictionary<(string, string), List<double>> groups, (string, string) key, double value)
    {
        if (!groups.TryGetValue(key, out List<double>? list))
        {
            groups[key] = list = [];
        }

        list.Add(value);
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

            Add(groups, (row.ModelName + " " + row.ModelVersion, row.SourceSystem ?? "(unknown)"), p);
        }

        return groups;
    }
}
