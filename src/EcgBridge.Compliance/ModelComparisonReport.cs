using EcgBridge.Core.Audit;
using EcgBridge.Core.Feedback;

namespace EcgBridge.Compliance;

/// <summary>Score histogram of one model over the range: ten bins of width 0.1.</summary>
public sealed record ScoreHistogram(string Model, IReadOnlyList<int> Counts);

/// <summary>
/// What <c>models compare</c> and the compliance page's model view show for a range and source: primary vs each
/// shadow, each model against known outcomes, and each model's score histogram.
/// </summary>
public sealed record ModelComparisonReport(
    IReadOnlyList<ShadowComparisonResult> Comparisons,
    IReadOnlyList<ModelOutcomeResult> Outcomes,
    IReadOnlyList<ScoreHistogram> Histograms)
{
    /// <summary>Reads the Scored and ShadowScored rows of the filter (in bulk pages) and the outcome feedback, and compares.</summary>
    public static async Task<ModelComparisonReport> BuildAsync(IAuditLog audit, IOutcomeFeedbackStore feedback, ComplianceFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(feedback);
        ArgumentNullException.ThrowIfNull(filter);

        // The shadow rows, then the primary rows of the same period and source: the analysis columns only.
        List<AuditEntry> rows = await ComplianceSearch.ReadScoresAsync(audit, filter with { Outcome = AuditOutcome.ShadowScored }, cancellationToken).ConfigureAwait(false);
        rows.AddRange(await ComplianceSearch.ReadScoresAsync(audit, filter with { Outcome = AuditOutcome.Scored }, cancellationToken).ConfigureAwait(false));

        IReadOnlyList<OutcomeLabel> outcomes = await feedback.ReadOutcomesAsync(cancellationToken).ConfigureAwait(false);
        return new ModelComparisonReport(ShadowComparison.Compare(rows), OutcomeEvaluation.Evaluate(rows, outcomes), HistogramsOf(rows));
    }

    /// <summary>ECGs compared in all pairs (what the access log records as the count).</summary>
    public int Count => Comparisons.Sum(c => c.Count);

    private static List<ScoreHistogram> HistogramsOf(List<AuditEntry> rows) =>
        [.. rows
            .Where(r => r.Probability is not null)
            .GroupBy(r => $"{r.ModelName} {r.ModelVersion}" + (r.Outcome == AuditOutcome.ShadowScored ? " (shadow)" : ""), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                int[] counts = new int[10];
                foreach (AuditEntry row in g)
                {
                    counts[Math.Clamp((int)(row.Probability!.Value * 10), 0, 9)]++;
                }

                return new ScoreHistogram(g.Key, counts);
            })];
}
