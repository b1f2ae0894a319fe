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

    [Fact]
    public void Input_drift_finds_a_faster_heart_rate_and_more_quality_refusals_from_one_source()
    {
        var features = new Dictionary<long, Core.Normalization.EcgFeatures>();
        long seq = 0;
        AuditEntry Scored(string source, double bpm)
        {
            features[++seq] = new Core.Normalization.EcgFeatures(bpm, 1.2);
            return Row(source, 0.1) with { Sequence = seq };
        }

        AuditEntry Refused(string source) => AuditEntries.Rejected() with { SourceSystem = source, ErrorCodes = ["ECG-LEAD-FLAT V3"] };

        AuditEntry[] reference = [.. Enumerable.Range(0, 100).SelectMany(i => new[] { Scored("A", 65 + (i % 20)), Scored("B", 65 + (i % 20)) })];
        AuditEntry[] current =
        [
            .. Enumerable.Range(0, 100).SelectMany(i => new[] { Scored("A", 65 + (i % 20)), Scored("B", 115 + (i % 20)) }),
            .. Enumerable.Range(0, 40).Select(_ => Refused("A")),
        ];

        IReadOnlyList<DriftResult> results = DriftAnalysis.AnalyzeInputs(reference, current, features);

        DriftResult rateA = results.Single(r => r.Statistic == DriftAnalysis.HeartRate && r.Source == "A");
        DriftResult rateB = results.Single(r => r.Statistic == DriftAnalysis.HeartRate && r.Source == "B");
        DriftResult amplitudeB = results.Single(r => r.Statistic == DriftAnalysis.Amplitude && r.Source == "B");
        DriftResult qualityA = results.Single(r => r.Statistic == DriftAnalysis.QualityRejections && r.Source == "A");
        DriftResult qualityB = results.Single(r => r.Statistic == DriftAnalysis.QualityRejections && r.Source == "B");
        Assert.False(rateA.Drifted);
        Assert.True(rateB.Drifted, $"PSI {rateB.Psi}");
        Assert.False(amplitudeB.Drifted);
        Assert.Equal(DriftAnalysis.QualityGate, qualityA.Model);
        Assert.True(qualityA.Drifted, $"PSI {qualityA.Psi}");
        Assert.Equal(40.0 / 140, qualityA.CurrentShares[1], 9);
        Assert.False(qualityB.Drifted);
    }
}
