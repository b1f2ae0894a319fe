using EcgBridge.Core.Audit;
using EcgBridge.Core.Scoring;

namespace EcgBridge.Compliance.Tests;

public class ShadowComparisonTests
{
    private static AuditEntry Row(string key, AuditOutcome outcome, string model, double probability, RiskLevel risk) => AuditEntries.Scored() with
    {
        DedupeKey = key,
        Outcome = outcome,
        ModelName = model,
        ModelVersion = "1",
        Probability = probability,
        Risk = risk,
    };

    [Fact]
    public void Pairs_each_shadow_score_with_the_primary_score_of_the_same_message()
    {
        AuditEntry[] rows =
        [
            Row("a", AuditOutcome.Scored, "p", 0.10, RiskLevel.Low),
            Row("a", AuditOutcome.ShadowScored, "s", 0.12, RiskLevel.Low),
            Row("b", AuditOutcome.Scored, "p", 0.60, RiskLevel.High),
            Row("b", AuditOutcome.ShadowScored, "s", 0.40, RiskLevel.Moderate),
            Row("c", AuditOutcome.Scored, "p", 0.30, RiskLevel.Moderate),
            Row("c", AuditOutcome.ShadowScored, "s", 0.35, RiskLevel.Moderate),
            Row("orphan", AuditOutcome.ShadowScored, "s", 0.9, RiskLevel.High),
        ];

        ShadowComparisonResult result = Assert.Single(ShadowComparison.Compare(rows));

        Assert.Equal(("p 1", "s 1", 3, 2), (result.Primary, result.Shadow, result.Count, result.Agreeing));
        Assert.Equal(1, result.Confusion[(int)RiskLevel.High][(int)RiskLevel.Moderate]);
        Assert.Equal(1, result.Confusion[(int)RiskLevel.Low][(int)RiskLevel.Low]);
        Assert.Equal((0.02 + 0.20 + 0.05) / 3, result.MeanAbsoluteDifference, 9);
        Assert.Equal(0.20, result.MaxAbsoluteDifference, 9);
        Assert.Equal(1.0, result.Spearman!.Value, 9);
    }

    [Fact]
    public void Spearman_is_minus_one_for_reversed_order_and_handles_ties()
    {
        Assert.Equal(-1.0, ShadowComparison.SpearmanRho([0.1, 0.2, 0.3, 0.4], [0.9, 0.8, 0.7, 0.6]), 9);

        // Ranks x = 1, 2.5, 2.5, 4; y = 1, 2, 3, 4: rho = 0.9486832980505138.
        Assert.Equal(0.9486832980505138, ShadowComparison.SpearmanRho([0.1, 0.2, 0.2, 0.4], [1, 2, 3, 4]), 9);
        Assert.True(double.IsNaN(ShadowComparison.SpearmanRho([0.5], [0.5])));
    }
}
