using EcgBridge.Core.Audit;
using EcgBridge.Core.Scoring;

namespace EcgBridge.Compliance;

/// <summary>Primary vs one shadow model over the ECGs both scored.</summary>
public sealed record ShadowComparisonResult
{
    /// <summary>The primary model (name version).</summary>
    public required string Primary { get; init; }

    /// <summary>The shadow model (name version).</summary>
    public required string Shadow { get; init; }

    /// <summary>ECGs scored by both.</summary>
    public required int Count { get; init; }

    /// <summary>ECGs whose qualitative risk is the same.</summary>
    public required int Agreeing { get; init; }

    /// <summary>Rows: the primary's risk (negligible, low, moderate, high); columns: the shadow's. Counts.</summary>
    public required int[][] Confusion { get; init; }

    /// <summary>Mean |p_shadow − p_primary|.</summary>
    public required double MeanAbsoluteDifference { get; init; }

    /// <summary>Max |p_shadow − p_primary|.</summary>
    public required double MaxAbsoluteDifference { get; init; }

    /// <summary>Spearman rank correlation of the probabilities (null for fewer than 2 ECGs or no spread).</summary>
    public required double? Spearman { get; init; }

    /// <summary>Share of ECGs whose qualitative risk agrees.</summary>
    public double Agreement => Count == 0 ? 0 : (double)Agreeing / Count;
}

/// <summary>
/// <c>models compare</c>: pairs each ShadowScored audit row with the Scored row of the same message (dedupe key) and
/// summarizes, per primary/shadow pair, agreement of the qualitative risk (confusion table), |Δp| and Spearman's ρ.
/// </summary>
public static class ShadowComparison
{
    /// <summary>Risk levels in table order.</summary>
    public static IReadOnlyList<RiskLevel> Levels { get; } = [RiskLevel.Negligible, RiskLevel.Low, RiskLevel.Moderate, RiskLevel.High];

    /// <summary>Compares; rows of other outcomes are ignored, shadow rows without a primary row are left out.</summary>
    public static IReadOnlyList<ShadowComparisonResult> Compare(IEnumerable<AuditEntry> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var primaries = new Dictionary<string, AuditEntry>(StringComparer.Ordinal);
        var shadows = new List<AuditEntry>();
        foreach (AuditEntry row in rows)
        {
            if (row.Probability is null || row.Risk is null)
            {
                continue;
            }

            if (row.Outcome == AuditOutcome.Scored)
            {
                primaries[row.DedupeKey] = row;
            }
            else if (row.Outcome == AuditOutcome.ShadowScored)
            {
                shadows.Add(row);
            }
        }

        return [.. shadows
            .Where(s => primaries.ContainsKey(s.DedupeKey))
            .Select(s => (Primary: primaries[s.DedupeKey], Shadow: s))
            .GroupBy(p => (Name(p.Primary), Name(p.Shadow)))
            .OrderBy(g => g.Key.Item1, StringComparer.Ordinal).ThenBy(g => g.Key.Item2, StringComparer.Ordinal)
            .Select(g => Summarize(g.Key.Item1, g.Key.Item2, [.. g]))];
    }

    private static ShadowComparisonResult Summarize(string primary, string shadow, List<(AuditEntry Primary, AuditEntry Shadow)> pairs)
    {
        int[][] confusion = [.. Levels.Select(_ => new int[Levels.Count])];
        double sum = 0;
        double max = 0;
        int agreeing = 0;
        foreach ((AuditEntry p, AuditEntry s) in pairs)
        {
            confusion[Index(p.Risk!.Value)][Index(s.Risk!.Value)]++;
            agreeing += p.Risk == s.Risk ? 1 : 0;
            double delta = Math.Abs(s.Probability!.Value - p.Probability!.Value);
            sum += delta;
            max = Math.Max(max, delta);
        }

        return new ShadowComparisonResult
        {
            Primary = primary,
            Shadow = shadow,
            Count = pairs.Count,
            Agreeing = agreeing,
            Confusion = confusion,
            MeanAbsoluteDifference = pairs.Count == 0 ? 0 : sum / pairs.Count,
            MaxAbsoluteDifference = max,
            Spearman = SpearmanRho([.. pairs.Select(x => x.Primary.Probability!.Value)], [.. pairs.Select(x => x.Shadow.Probability!.Value)]) is var rho && double.IsFinite(rho) ? rho : null,
        };
    }

    /// <summary>Spearman's ρ: Pearson correlation of the ranks (ties get their average rank).</summary>
    public static double SpearmanRho(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException("Both series need the same length.", nameof(y));
        }

        if (x.Count < 2)
        {
            return double.NaN;
        }

        double[] rx = Ranks(x);
        double[] ry = Ranks(y);
        double mx = rx.Average();
        double my = ry.Average();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < rx.Length; i++)
        {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }

        return sxx == 0 || syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }

    private static double[] Ranks(IReadOnlyList<double> values)
    {
        int[] order = [.. Enumerable.Range(0, values.Count).OrderBy(i => values[i])];
        double[] ranks = new double[values.Count];
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]])
            {
                end++;
            }

            double rank = ((start + end) / 2.0) + 1;
            for (int k = start; k <= end; k++)
            {
                ranks[order[k]] = rank;
            }

            start = end + 1;
        }

        return ranks;
    }

    private static int Index(RiskLevel level)
    {
        for (int i = 0; i < Levels.Count; i++)
        {
            if (Levels[i] == level)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(level));
    }

    private static string Name(AuditEntry row) => row.ModelName + " " + row.ModelVersion;
}
