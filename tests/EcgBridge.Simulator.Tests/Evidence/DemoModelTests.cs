using Xunit.Abstractions;

namespace EcgBridge.Simulator.Tests.Evidence;

/// <summary>
/// Evidence that the shipped demo weights discriminate simulated OMI (docs/model-evaluation.md): AUC on a hold-out seed
/// never used in training, through HL7 v2 and FHIR, and the drop when the leads are shuffled inside each message.
/// </summary>
public sealed class DemoModelTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Demo_model_separates_a_fresh_holdout_sent_as_HL7_v2_and_as_FHIR()
    {
        using var scorer = DemoModelEvaluation.CreateScorer();
        int count = DemoModelEvaluation.Count;

        (int[] labels, double[] hl7) = await DemoModelEvaluation.ScoreAsync(scorer, count, SimulatedPaths.ThroughHl7Pcd01);
        (_, double[] fhir) = await DemoModelEvaluation.ScoreAsync(scorer, count, SimulatedPaths.ThroughFhir);
        double hl7Auc = DemoModelEvaluation.Auc(labels, hl7);
        double fhirAuc = DemoModelEvaluation.Auc(labels, fhir);
        output.WriteLine($"hold-out seed {DemoModelEvaluation.HoldOutSeed}, {count} ECGs ({labels.Sum()} OMI): AUC HL7 v2 {hl7Auc:F4}, FHIR {fhirAuc:F4}");

        Assert.True(hl7Auc >= MinimumAuc, $"AUC {hl7Auc:F3}");
        Assert.Equal(hl7Auc, fhirAuc, 3);
    }

    [Fact]
    public async Task Shuffling_the_leads_inside_each_message_lowers_the_AUC()
    {
        using var scorer = DemoModelEvaluation.CreateScorer();
        int count = DemoModelEvaluation.Count;

        (int[] labels, double[] ordered) = await DemoModelEvaluation.ScoreAsync(scorer, count, SimulatedPaths.ThroughHl7Pcd01);
        (_, double[] shuffled) = await DemoModelEvaluation.ScoreAsync(scorer, count, SimulatedPaths.ThroughHl7Pcd01, shuffleLeads: true);
        double auc = DemoModelEvaluation.Auc(labels, ordered);
        double shuffledAuc = DemoModelEvaluation.Auc(labels, shuffled);
        output.WriteLine($"hold-out {count} ECGs: AUC {auc:F4}, leads shuffled {shuffledAuc:F4}, drop {auc - shuffledAuc:F4}");

        Assert.True(shuffledAuc < auc - MinimumShuffleDrop, $"AUC {auc:F3} → {shuffledAuc:F3}");
    }

    // Set from the 200-ECG evaluation in docs/model-evaluation.md with a margin for the smaller CI hold-out.
    private const double MinimumAuc = 0.9;
    private const double MinimumShuffleDrop = 0.05;
}
