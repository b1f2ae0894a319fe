using EcgBridge.Core;

namespace EcgBridge.Simulator;

/// <summary>A simulated 12-lead ECG with its ground truth: label, territory, severity and the parameters actually drawn.</summary>
public sealed class SimulatedEcg
{
    internal SimulatedEcg(SimulationSpec spec, EcgRecording recording, double[] rPeakTimesSeconds)
    {
        Spec = spec;
        Recording = recording;
        RPeakTimesSeconds = rPeakTimesSeconds;
    }

    /// <summary>The 12 leads in mV, tensor order, at the spec's rate.</summary>
    public EcgRecording Recording { get; }

    /// <summary>The spec with every drawn parameter filled in (regenerating from it gives the same ECG).</summary>
    public SimulationSpec Spec { get; }

    /// <summary>What the ECG shows.</summary>
    public SimulatedFinding Finding => Spec.Finding;

    /// <summary>1 for occlusion MI, 0 otherwise (normals and mimics).</summary>
    public int Label => Spec.IsOmi ? 1 : 0;

    /// <summary>Territory of the occlusion, None for negatives.</summary>
    public CoronaryTerritory Territory => Spec.Territory ?? CoronaryTerritory.None;

    /// <summary>Severity 1–3 of the occlusion, 0 for negatives.</summary>
    public int Severity => Spec.Severity ?? 0;

    /// <summary>
    /// The recording rounded to an ADC resolution (default 1 µV), as a device would send it. Every writer (WFDB, HL7 v2,
    /// FHIR at 1 µV) carries these values exactly, so all formats decode to the same samples (to within one ulp).
    /// </summary>
    public EcgRecording Quantized(double resolutionMillivolts = 0.001)
    {
        if (!(resolutionMillivolts > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(resolutionMillivolts), "The resolution must be positive.");
        }

        double perMillivolt = Math.Round(1 / resolutionMillivolts);
        bool integral = Math.Abs((perMillivolt * resolutionMillivolts) - 1) < 1e-12;
        var leads = new LeadSignal[Recording.Leads.Count];
        for (int k = 0; k < leads.Length; k++)
        {
            LeadSignal source = Recording.Leads[k];
            var samples = new double[source.Samples.Length];
            for (int i = 0; i < samples.Length; i++)
            {
                // k / 1000 is the double nearest to the decimal k µV, so text formats print it short ("-0.043"); the WFDB
                // and FHIR readers rebuild k × 0.001, which is within one ulp of it.
                samples[i] = integral
                    ? Math.Round(source.Samples[i] * perMillivolt, MidpointRounding.AwayFromZero) / perMillivolt
                    : Math.Round(source.Samples[i] / resolutionMillivolts, MidpointRounding.AwayFromZero) * resolutionMillivolts;
            }

            leads[k] = new LeadSignal(source.Lead, samples) { SourceLocation = source.SourceLocation };
        }

        return new EcgRecording(leads, Recording.SampleRateHz) { AcquisitionTime = Recording.AcquisitionTime, Source = Recording.Source };
    }

    /// <summary>Times of the R peaks (QRS centres) that fall inside the recording, in seconds from its start.</summary>
    public IReadOnlyList<double> RPeakTimesSeconds { get; }
}
