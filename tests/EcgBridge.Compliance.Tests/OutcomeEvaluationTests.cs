using EcgBridge.Core.Audit;
using EcgBridge.Core.Feedback;

namespace EcgBridge.Compliance.Tests;

public class OutcomeEvaluationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 8, 0, 0, TimeSpan.Zero);

    private static AuditEntry Row(string key, AuditOutcome outcome, string model, double probability) => AuditEntries.Scored() with
    {
        DedupeKey = key,
        Outcome = outcome,
        ModelName = model,
        ModelVersion = "1",
        Probability = probability,
    };

    private static OutcomeLabel Label(string key, bool? confirmed, string? response = null, int minutes = 0) =>
        new(key, "ra-" + key, confirmed is null ? FeedbackKind.CdsHooks : FeedbackKind.Condition, confirmed, response, T0.AddMinutes(minutes));

    [Fact]
    public void Scores_each_model_on_the_ECGs_with_a_known_outcome_the_latest_diagnosis_counting()
    {
        AuditEntry[] rows =
        [
            Row("a", AuditOutcome.Scored, "p", 0.9), Row("a", AuditOutcome.ShadowScored, "s", 0.2),
            Row("b", AuditOutcome.Scored, "p", 0.8), Row("b", AuditOutcome.ShadowScored, "s", 0.9),
            Row("c", AuditOutcome.Scored, "p", 0.1), Row("c", AuditOutcome.ShadowScored, "s", 0.7),
            Row("d", AuditOutcome.Scored, "p", 0.3),
            Row("no-outcome", AuditOutcome.Scored, "p", 0.5),
        ];
        OutcomeLabel[] outcomes =
        [
            Label("a", true), Label("b", true), Label("c", false),
            Label("d", true, minutes: 0), Label("d", false, minutes: 5),
            Label("a", null, "accepted"), Label("c", null, "overridden"),
        ];

        IReadOnlyList<ModelOutcomeResult> results = OutcomeEvaluation.Evaluate(rows, outcomes);

        ModelOutcomeResult primary = Assert.Single(results, r => r.Model == "p 1");
        ModelOutcomeResult shadow = Assert.Single(results, r => r.Model == "s 1 (shadow)");
        Assert.Equal((4, 2, 1, 1), (primary.Count, primary.Positives, primary.Accepted, primary.Overridden));
        Assert.Equal(1.0, primary.Auc!.Value, 9);
        Assert.Equal((0.01 + 0.04 + 0.01 + 0.09) / 4, primary.Brier.Value, 9);
        Assert.Equal((3, 2), (shadow.Count, shadow.Positives));
        Assert.Equal(0.5, shadow.Auc!.Value, 9);
        Assert.Equal((0, 0), (shadow.Accepted, shadow.Overridden));
    }

    [Fact]
    public void Bootstrap_interval_contains_the_estimate_and_is_repeatable()
    {
        var random = new Random(7);
        var scored = Enumerable.Range(0, 300).Select(_ =>
        {
            bool y = random.NextDouble() < 0.3;
            return (P: Math.Clamp((y ? 0.65 : 0.35) + ((random.NextDouble() - 0.5) * 0.6), 0, 1), Y: y);
        }).ToList();

        ModelOutcomeResult first = OutcomeEvaluation.Summarize("m", scored);
        ModelOutcomeResult again = OutcomeEvaluation.Summarize("m", scored);

        Assert.InRange(first.Auc!.Value, first.Auc.Low, first.Auc.High);
        Assert.InRange(first.Brier.Value, first.Brier.Low, first.Brier.High);
        Assert.True(first.Auc.High - first.Auc.Low is > 0.01 and < 0.3, $"{first.Auc}");
        Assert.Equal(first.Auc, again.Auc);
        Assert.Equal(first.Brier, again.Brier);
    }

    [Fact]
    public void Reliability_table_bins_predictions_by_tenths_with_the_observed_rate()
    {
        (double, bool)[] scored = [(0.05, false), (0.08, true), (0.55, true), (0.58, true), (0.59, false), (1.0, true)];

        ModelOutcomeResult result = OutcomeEvaluation.Summarize("m", scored);

        Assert.Equal(10, result.Reliability.Count);
        Assert.Equal((2, 0.5), (result.Reliability[0].Count, result.Reliability[0].ObservedRate!.Value));
        Assert.Equal(3, result.Reliability[5].Count);
        Assert.Equal(2.0 / 3, result.Reliability[5].ObservedRate!.Value, 9);
        Assert.Equal(1, result.Reliability[9].Count);
        Assert.Null(result.Reliability[3].MeanPredicted);
    }

    [Fact]
    public void One_class_only_has_no_AUC_but_a_Brier_score()
    {
        ModelOutcomeResult result = OutcomeEvaluation.Summarize("m", [(0.2, false), (0.4, false)]);

        Assert.Null(result.Auc);
        Assert.Equal((0.04 + 0.16) / 2, result.Brier.Value, 9);
    }
}
