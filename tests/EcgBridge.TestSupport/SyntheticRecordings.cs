using EcgBridge.Core;

namespace EcgBridge.TestSupport;

/// <summary>Deterministic multi-sine 12-lead recordings at any rate, for tests and benchmarks that need odd rates.</summary>
public static class SyntheticRecordings
{
    private static readonly double[] Frequencies = [0.15, 1.1, 5.3, 13.7, 31.0];

    /// <summary>A recording of <paramref name="seconds"/> at <paramref name="sampleRateHz"/> with the given leads (default: all 12).</summary>
    public static EcgRecording Create(double sampleRateHz, double seconds, IReadOnlyList<Lead>? leads = null)
    {
        leads ??= LeadCatalog.All.ToArray();
        int count = (int)Math.Round(sampleRateHz * seconds);
        var signals = new List<LeadSignal>(leads.Count);
        foreach (Lead lead in leads)
        {
            signals.Add(new LeadSignal(lead, Sines(count, sampleRateHz, (int)lead)) { SourceLocation = LeadCatalog.DisplayName(lead) });
        }

        return new EcgRecording(signals, sampleRateHz);
    }

    /// <summary>One lead's samples: a sum of sines with a lead-dependent phase and a small offset, in mV.</summary>
    public static double[] Sines(int count, double sampleRateHz, int seed)
    {
        var samples = new double[count];
        for (int n = 0; n < count; n++)
        {
            double t = n / sampleRateHz;
            double x = 0.1 * (seed - 6) / 6.0;
            for (int c = 0; c < Frequencies.Length; c++)
            {
                if (Frequencies[c] < 0.45 * sampleRateHz)
                {
                    x += 0.5 / (c + 1) * Math.Sin((2.0 * Math.PI * Frequencies[c] * t) + (0.7 * seed) + c);
                }
            }

            samples[n] = x;
        }

        return samples;
    }
}
