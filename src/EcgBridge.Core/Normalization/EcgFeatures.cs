namespace EcgBridge.Core.Normalization;

/// <summary>
/// Simple input statistics of a normalized ECG (what the model saw), for drift monitoring: heart rate from R-peaks and
/// amplitude. Not a diagnostic measurement: a robust-enough summary to see a population shift.
/// </summary>
/// <param name="HeartRateBpm">60 / median RR interval; null when fewer than three beats were found or the rate is implausible.</param>
/// <param name="AmplitudeMillivolts">Median over the 12 leads of the peak-to-peak amplitude.</param>
public sealed record EcgFeatures(double? HeartRateBpm, double AmplitudeMillivolts)
{
    private const int Rate = 500;

    // Slope over 8 ms: steep for QRS complexes, small for noise, P and T waves.
    private const int Lag = 4;

    /// <summary>Computes the statistics of a 12 × 5000 tensor (500 Hz, mV).</summary>
    public static EcgFeatures Compute(EcgTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ReadOnlySpan<float> data = tensor.Data;
        const int n = EcgTensor.SampleCount;
        double[] peakToPeak = new double[EcgTensor.LeadCount];
        double[] slope = new double[n];
        for (int lead = 0; lead < EcgTensor.LeadCount; lead++)
        {
            ReadOnlySpan<float> x = data.Slice(lead * n, n);
            float min = x[0], max = x[0];
            for (int i = 1; i < n; i++)
            {
                min = Math.Min(min, x[i]);
                max = Math.Max(max, x[i]);
                if (i >= Lag)
                {
                    slope[i] += Math.Abs(x[i] - x[i - Lag]);
                }
            }

            peakToPeak[lead] = max - min;
        }

        Array.Sort(peakToPeak);
        double amplitude = (peakToPeak[5] + peakToPeak[6]) / 2;
        return new EcgFeatures(HeartRate(slope), amplitude);
    }

    // QRS complexes are where all leads change fastest: the summed absolute slope, smoothed over 40 ms, peaks once per
    // beat. Regions above the median plus half the way to the 99th percentile, maxima at least 250 ms apart
    // (≤ 240 bpm), are taken as R-peaks.
    private static double? HeartRate(double[] slope)
    {
        const int window = Rate / 25;
        const int refractory = Rate / 4;
        int n = slope.Length;
        double[] smooth = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += slope[i];
            if (i >= window)
            {
                sum -= slope[i - window];
            }

            smooth[i] = sum;
        }

        double[] sorted = (double[])smooth.Clone();
        Array.Sort(sorted);
        double median = sorted[n / 2];
        double high = sorted[(int)(0.99 * (n - 1))];
        double threshold = median + (0.5 * (high - median));
        if (high <= 0)
        {
            return null;
        }

        var peaks = new List<int>();
        int i0 = 0;
        while (i0 < n)
        {
            if (smooth[i0] < threshold)
            {
                i0++;
                continue;
            }

            // One region above the threshold: its maximum is the beat.
            int best = i0;
            while (i0 < n && smooth[i0] >= threshold)
            {
                best = smooth[i0] > smooth[best] ? i0 : best;
                i0++;
            }

            if (peaks.Count == 0 || best - peaks[^1] >= refractory)
            {
                peaks.Add(best);
            }
            else if (smooth[best] > smooth[peaks[^1]])
            {
                peaks[^1] = best;
            }
        }

        if (peaks.Count < 3)
        {
            return null;
        }

        double[] rr = new double[peaks.Count - 1];
        for (int k = 1; k < peaks.Count; k++)
        {
            rr[k - 1] = (peaks[k] - peaks[k - 1]) / (double)Rate;
        }

        Array.Sort(rr);
        double medianRr = rr.Length % 2 == 1 ? rr[rr.Length / 2] : (rr[(rr.Length / 2) - 1] + rr[rr.Length / 2]) / 2;
        double bpm = 60 / medianRr;
        return bpm is >= 20 and <= 300 ? bpm : null;
    }
}
