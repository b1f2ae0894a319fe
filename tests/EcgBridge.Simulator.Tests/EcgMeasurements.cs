using EcgBridge.Core;

namespace EcgBridge.Simulator.Tests;

/// <summary>What a reader of the printed ECG would measure: R peaks, ST level at J+60 ms against the PR segment.</summary>
internal static class EcgMeasurements
{
    /// <summary>R peaks from the spatial energy of all 12 leads (no knowledge of the simulator's beat times).</summary>
    public static List<int> DetectRPeaks(EcgRecording recording)
    {
        int n = recording.SampleCount;
        double fs = recording.SampleRateHz;
        var energy = new double[n];
        foreach (LeadSignal lead in recording.Leads)
        {
            for (int i = 1; i < n; i++)
            {
                double slope = lead.Samples[i] - lead.Samples[i - 1];
                energy[i] += slope * slope;
            }
        }

        double max = energy.Max();
        int refractory = (int)(0.25 * fs);
        var peaks = new List<int>();
        int last = -refractory;
        for (int i = 1; i < n - 1; i++)
        {
            if (energy[i] > 0.2 * max && energy[i] >= energy[i - 1] && energy[i] >= energy[i + 1] && i - last >= refractory)
            {
                peaks.Add(i);
                last = i;
            }
        }

        return peaks;
    }

    /// <summary>Median over beats of ST at J+60 ms minus the PR-segment level, per lead, in mV.</summary>
    public static double StDeviation(SimulatedEcg ecg, Lead lead)
    {
        double fs = ecg.Recording.SampleRateHz;
        double[] x = ecg.Recording.Find(lead)!.Samples;
        double j60 = (ecg.Spec.QrsWidthSeconds!.Value / 2) + 0.06;
        var values = new List<double>();
        foreach (double r in ecg.RPeakTimesSeconds)
        {
            int baselineStart = (int)Math.Round((r - 0.08) * fs);
            int baselineEnd = (int)Math.Round((r - 0.06) * fs);
            int st = (int)Math.Round((r + j60) * fs);
            if (baselineStart < 0 || st >= x.Length)
            {
                continue;
            }

            double baseline = 0;
            for (int i = baselineStart; i <= baselineEnd; i++)
            {
                baseline += x[i];
            }

            baseline /= baselineEnd - baselineStart + 1;
            values.Add(x[st] - baseline);
        }

        values.Sort();
        return values[values.Count / 2];
    }
}
