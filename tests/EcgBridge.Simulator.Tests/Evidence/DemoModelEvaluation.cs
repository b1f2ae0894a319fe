using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Normalization;
using EcgBridge.Core.Scoring;
using EcgBridge.Inference;
using EcgBridge.TestSupport;

namespace EcgBridge.Simulator.Tests.Evidence;

/// <summary>
/// Scores a fresh simulated hold-out through the full C# path: simulate → quantize → wire format → decode → normalize →
/// ONNX. The same code produces the CI check (small hold-out) and the figures of docs/model-evaluation.md (200 ECGs).
/// </summary>
internal static class DemoModelEvaluation
{
    /// <summary>Seed of the hold-out; training used 1001 and validation 2002 (models/ecg-smart-net/manifest.json).</summary>
    public const ulong HoldOutSeed = 3003;

    /// <summary>Hold-out size: 40 in CI, ECGBRIDGE_SIM_EVAL_COUNT for the report (200).</summary>
    public static int Count => int.TryParse(Environment.GetEnvironmentVariable("ECGBRIDGE_SIM_EVAL_COUNT"), out int n) && n > 0 ? n : 40;

    /// <summary>A scorer of a shipped model folder under models/ (default the fp32 primary).</summary>
    public static OnnxEcgScorer CreateScorer(string model = "ecg-smart-net")
    {
        ModelManifest manifest = ModelManifest.Load(RepositoryPaths.Combine("models", model));
        return new OnnxEcgScorer(manifest, new InferenceOptions { ModelDirectory = manifest.Directory, WarmUp = false, MaxWaitMilliseconds = 5 });
    }

    /// <summary>P(OMI) of each ECG of the hold-out after <paramref name="path"/> (a writer and reader round trip).</summary>
    public static async Task<(int[] Labels, double[] Scores)> ScoreAsync(
        OnnxEcgScorer scorer, int count, Func<EcgRecording, EcgRecording> path, bool shuffleLeads = false)
    {
        IReadOnlyList<SimulationSpec> plan = SimulatedFeed.Plan(HoldOutSeed, count, 0.5);
        var labels = new int[count];
        var pending = new Task<Prediction>[count];
        for (int i = 0; i < count; i++)
        {
            SimulatedEcg ecg = EcgSimulator.Generate(plan[i]);
            labels[i] = ecg.Label;
            EcgRecording sent = ecg.Quantized();
            if (shuffleLeads)
            {
                sent = ShuffleLeadLabels(sent, plan[i].Seed);
            }

            var issues = new IssueList();
            var tensor = new EcgTensor();
            Assert.True(EcgNormalizer.TryNormalize(path(sent), scorer.Preprocessing, tensor.Data, issues), issues.CodesText());
            pending[i] = scorer.ScoreAsync(tensor, CancellationToken.None).AsTask();
        }

        Prediction[] predictions = await Task.WhenAll(pending);
        return (labels, predictions.Select(p => p.Probability).ToArray());
    }

    /// <summary>The same samples with the 12 lead labels permuted (a seeded random permutation per ECG, never the identity).</summary>
    public static EcgRecording ShuffleLeadLabels(EcgRecording recording, ulong seed)
    {
        var order = LeadCatalog.All.ToArray();
        var random = new Random(unchecked((int)seed));
        do
        {
            random.Shuffle(order);
        }
        while (order.SequenceEqual(LeadCatalog.All.ToArray()));

        var leads = new LeadSignal[recording.Leads.Count];
        for (int k = 0; k < leads.Length; k++)
        {
            leads[k] = new LeadSignal(order[(int)recording.Leads[k].Lead], recording.Leads[k].Samples);
        }

        return new EcgRecording(leads, recording.SampleRateHz) { AcquisitionTime = recording.AcquisitionTime, Source = recording.Source };
    }

    /// <summary>Area under the ROC curve (Mann–Whitney; ties count one half).</summary>
    public static double Auc(int[] labels, double[] scores)
    {
        double wins = 0;
        int positives = 0;
        int negatives = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] != 1)
            {
                negatives++;
                continue;
            }

            positives++;
            for (int j = 0; j < labels.Length; j++)
            {
                if (labels[j] == 0)
                {
                    wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
            }
        }

        return wins / (positives * (double)negatives);
    }
}
