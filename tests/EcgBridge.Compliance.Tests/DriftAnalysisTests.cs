using EcgBridge.Core.Audit;

namespace EcgBridge.Compliance.Tests;

public class DriftAnalysisTests
{
    private static AuditEntry Row(string source, double probability) => AuditEntries.Scored() with { SourceSystem = source, Probability = probability };

    [Fact]
    public void The_same_distribution_has_a_PSI_of_zero_and_a_moved_one_a_large_PSI_per_source()
    {
        double[] low = [.. Enumerable.Range(0, 100).Select(i => 0.05 + (i % 10 * 0.01))];
        double[] high = [.. Enumerable.Range(0, 100).Select(i => 0.75 + (i % 10 * 0.02))];
        AuditEntry[] reference = [.. low.Select(p => Row("A", p)), .. low.Select(p => Row("B", p))];
        AuditEntry[] current = [.. low.Select(p => Row("A", p)), .. high.Select(p => Row("B", p))];

        IReadOnlyList<DriftResult> results = DriftAnalysis.Analyze(reference, current);

        DriftResult a = results.Single(r => r.Source == "A");
        DriftResult b = results.Single(r => r.Source == "B");
        Assert.Equal(0, a.Psi!.Value, 9);
        Assert.False(a.Drifted);
        Assert.True(b.Psi > 5, $"PSI {b.Psi}");
        Assert.True(b.Drifted);
        Assert.Equal(1.0, b.CurrentShares.Sum(), 9);
    }

    [Fact]
    public void Too_few_ECGs_give_no_PSI_rather_than_noise()
    {
        DriftResult result = Assert.Single(DriftAnalysis.Analyze([Row("A", 0.1)], [Row("A", 0.9)]));

        Assert.Null(result.Psi);
        Assert.False(result.Drifted);
    }

    [Fact]
    public void PSI_matches_a_hand_computed_value()
    {
        // (0.6-0.5)ln(0.6/0.5) + (0.4-0.5)ln(0.4/0.5) = 0.0405465 (two used bins, eight empty on both sides).
        double[] r = [0.5, 0.5, 0, 0, 0, 0, 0, 0, 0, 0];
        double[] c = [0.6, 0.4, 0, 0, 0, 0, 0, 0, 0, 0];

        Assert.Equal(0.0405465108, DriftAnalysis.Psi(r, c), 8);
    }
}
