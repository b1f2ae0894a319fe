using EcgBridge.Core.Audit;
using EcgBridge.Core.Feedback;

namespace EcgBridge.Compliance;

/// <summary>One bin of a reliability table: predictions in [Low, High), how many, their mean and the observed OMI rate.</summary>
public sealed record ReliabilityBin(double Low, double High, int Count, double? MeanPredicted, double? ObservedRate);

/// <summary>A statistic with its bootstrap 95 % interval (percentile method).</summary>
public sealed record Estimate(double Value, double Low, double High)
{
    /// <summary><c>0.8334 [0.8119, 0.8531]</c>, as the CLI and the page show it.</summary>
    public string Format() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Value:F4} [{Low:F4}, {High:F4}]");
}

/// <summary>How one model's scores fare against confirmed outcomes.</summary>
public sealed record ModelOutcomeResult
{
    /// <summary>The model (name version); "(shadow)" marks a shadow model.</summary>
    public required string Model { get; init; }

    /// <summary>ECGs this model scored whose outcome is known.</summary>
    public required int Count { get; init; }

    /// <summary>Of those, confirmed occlusion MI.</summary>
    public required int Positives { get; init; }

    /// <summary>Area under the ROC curve with its bootstrap CI (null without both classes).</summary>
    public required Estimate? Auc { get; init; }

    /// <summary>Brier score (mean squared error of the probability) with its bootstrap CI.</summary>
    public required Estimate Brier { get; init; }

    /// <summary>Ten bins of width 0.1.</summary>
    public required IReadOnlyList<ReliabilityBin> Reliability { get; init; }

    /// <summary>CDS Hooks responses on this model's results: accepted.</summary>
    public int Accepted { get; init; }

    /// <summary>CDS Hooks responses on this model's results: overridden.</summary>
    public int Overridden { get; init; }
}

/// <summary>
/// <c>models compare</c> with outcomes: per model (primary and shadows), AUC, Brier score and a reliability table over
/// the ECGs whose outcome came back as feedback (the latest diagnosis per ECG counts), with bootstrap 95 % intervals
/// (<see cref="Resamples"/> resamples, fixed seed, so a report is repeatable).
/// </summary>
public static class OutcomeEvaluation
{
    /// <summary>Bootstrap resamples.</summary>
    public const int Resamples = 1000;

    /// <summary>Evaluates every model that scored an ECG with a known outcome (Scored and ShadowScored rows).</summary>
    public static IReadOnlyList<ModelOutcomeResult> Evaluate(IEnumerable<AuditEntry> rows, IReadOnlyList<OutcomeLabel> outcomes)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(outcomes);
        var label = new Dictionary<string, bool>(StringComparer.Ordinal);
        var accepted = new Dictionary<string, int>(StringComparer.Ordinal);
        var overridden = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (OutcomeLabel outcome in outcomes.OrderBy(o => o.ReceivedAt))
        {
            if (outcome.Confirmed is { } confirmed)
            {
                label[outcome.DedupeKey] = confirmed;
            }
            else if (outcome.Response == "accepted")
            {
                accepted[outcome.DedupeKey] = accepted.GetValueOrDefault(outcome.DedupeKey) + 1;
            }
            else if (outcome.Response == "overridden")
            {
                overridden[outcome.DedupeKey] = overridden.GetValueOrDefault(outcome.DedupeKey) + 1;
            }
        }

        var byModel = new SortedDictionary<string, (List<(double P, bool Y)> Scored, int Accepted, int Overridden)>(StringComparer.Ordinal);
        foreach (AuditEntry row in rows)
        {
            if (row.Outcome is not (AuditOutcome.Scored or AuditOutcome.ShadowScored) || row.Probability is not { } p)
            {
                continue;
            }

            bool labelled = label.TryGetValue(row.DedupeKey, out bool y);
            int a = row.Outcome == AuditOutcome.Scored ? accepted.GetValueOrDefault(row.DedupeKey) : 0;
            int o = row.Outcome == AuditOutcome.Scored ? overridden.GetValueOrDefault(row.DedupeKey) : 0;
            if (!labelled && a == 0 && o == 0)
            {
                continue;
            }

            string model = $"{row.ModelName} {row.ModelVersion}" + (row.Outcome == AuditOutcome.ShadowScored ? " (shadow)" : "");
            (List<(double P, bool Y)> scored, int acc, int over) = byModel.TryGetValue(model, out var entry) ? entry : ([], 0, 0);
            if (labelled)
            {
                scored.Add((p, y));
            }

            byModel[model] = (scored, acc + a, over + o);
        }

        return [.. byModel.Select(m => Summarize(m.Key, m.Value.Scored) with { Accepted = m.Value.Accepted, Overridden = m.Value.Overridden })];
    }

    /// <summary>AUC, Brier and reliability of one model's (probability, outcome) pairs.</summary>
    public static ModelOutcomeResult Summarize(string model, IReadOnlyList<(double P, bool Y)> scored)
    {
        ArgumentNullException.ThrowIfNull(scored);
        double[] p = [.. scored.Select(s => s.P)];
        bool[] y = [.. scored.Select(s => s.Y)];
        int positives = y.Count(v => v);
        int[] order = OrderOf(p);
        int[] position = new int[p.Length];
        for (int k = 0; k < order.Length; k++)
        {
            position[order[k]] = k;
        }

        double? auc = Auc(p, y, null, order, position);
        double brier = Brier(p, y, null);
        Estimate? aucEstimate = null;
        Estimate brierEstimate = new(brier, brier, brier);
        if (p.Length > 1)
        {
            var random = new Random(20261204);
            var aucs = new List<double>(Resamples);
            var briers = new double[Resamples];
            int[] sample = new int[p.Length];
            for (int r = 0; r < Resamples; r++)
            {
                for (int i = 0; i < sample.Length; i++)
                {
                    sample[i] = random.Next(p.Length);
                }

                briers[r] = Brier(p, y, sample);
                if (Auc(p, y, sample, order, position) is { } resampled)
                {
                    aucs.Add(resampled);
                }
            }

            brierEstimate = new Estimate(brier, Percentile(briers, 0.025), Percentile(briers, 0.975));
            if (auc is { } a && aucs.Count > 0)
            {
                aucEstimate = new Estimate(a, Percentile([.. aucs], 0.025), Percentile([.. aucs], 0.975));
            }
        }
        else if (auc is { } single)
        {
            aucEstimate = new Estimate(single, single, single);
        }

        return new ModelOutcomeResult
        {
            Model = model,
            Count = p.Length,
            Positives = positives,
            Auc = aucEstimate,
            Brier = brierEstimate,
            Reliability = Reliability(p, y),
        };
    }

    private static List<ReliabilityBin> Reliability(double[] p, bool[] y)
    {
        var bins = new List<ReliabilityBin>(10);
        for (int b = 0; b < 10; b++)
        {
            double low = b / 10.0;
            double high = (b + 1) / 10.0;
            int n = 0;
            int events = 0;
            double sum = 0;
            for (int i = 0; i < p.Length; i++)
            {
                if (p[i] >= low && (p[i] < high || (b == 9 && p[i] <= 1.0)))
                {
                    n++;
                    sum += p[i];
                    events += y[i] ? 1 : 0;
                }
            }

            bins.Add(new ReliabilityBin(low, high, n, n == 0 ? null : sum / n, n == 0 ? null : (double)events / n));
        }

        return bins;
    }

    private static double Brier(double[] p, bool[] y, int[]? sample)
    {
        int n = sample?.Length ?? p.Length;
        if (n == 0)
        {
            return double.NaN;
        }

        double sum = 0;
        for (int k = 0; k < n; k++)
        {
            int i = sample is null ? k : sample[k];
            double d = p[i] - (y[i] ? 1 : 0);
            sum += d * d;
        }

        return sum / n;
    }

    // Mann–Whitney: the share of (positive, negative) pairs ranked right, ties one half; null without both classes.
    // A resample is sorted as integers (each ECG's position in the whole set's order), not by a comparison delegate:
    // the bootstrap sorts a thousand of them.
    private static int[] OrderOf(double[] p)
    {
        int[] order = [.. Enumerable.Range(0, p.Length)];
        double[] keys = (double[])p.Clone();
        Array.Sort(keys, order);
        return order;
    }

    private static double? Auc(double[] p, bool[] y, int[]? sample, int[] order, int[] position)
    {
        int n = sample?.Length ?? p.Length;
        int[] keys = new int[n];
        for (int k = 0; k < n; k++)
        {
            keys[k] = sample is null ? k : position[sample[k]];
        }

        if (sample is not null)
        {
            Array.Sort(keys);
        }

        double rankSum = 0;
        long positives = 0;
        int start = 0;
        while (start < n)
        {
            double value = p[order[keys[start]]];
            int end = start;
            while (end + 1 < n && p[order[keys[end + 1]]] == value)
            {
                end++;
            }

            double rank = (start + end) / 2.0 + 1.0;
            for (int k = start; k <= end; k++)
            {
                if (y[order[keys[k]]])
                {
                    rankSum += rank;
                    positives++;
                }
            }

            start = end + 1;
        }

        long negatives = n - positives;
        return positives == 0 || negatives == 0 ? null : (rankSum - positives * (positives + 1) / 2.0) / (positives * (double)negatives);
    }

    private static double Percentile(double[] values, double q)
    {
        double[] sorted = [.. values.Order()];
        double position = q * (sorted.Length - 1);
        int lower = (int)Math.Floor(position);
        int upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }
}
