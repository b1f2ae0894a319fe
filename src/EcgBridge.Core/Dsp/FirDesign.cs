namespace EcgBridge.Core.Dsp;

/// <summary>Windowed-sinc FIR design, numerically the same as scipy.signal.firwin with a Kaiser window.</summary>
public static class FirDesign
{
    /// <summary>
    /// Low-pass taps like <c>firwin(numTaps, cutoff, window=('kaiser', beta))</c>: <paramref name="cutoff"/> is relative to
    /// Nyquist (scipy's default fs=2), the taps are scaled to unit DC gain.
    /// </summary>
    public static double[] KaiserLowPass(int numTaps, double cutoff, double beta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numTaps, 3);
        if (!(cutoff > 0 && cutoff < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(cutoff), "Cutoff must lie between 0 and 1 (Nyquist).");
        }

        var taps = new double[numTaps];
        double alpha = 0.5 * (numTaps - 1);
        double i0Beta = BesselI0(beta);
        double sum = 0;
        for (int n = 0; n < numTaps; n++)
        {
            double m = n - alpha;
            double ratio = m / alpha;
            double window = BesselI0(beta * Math.Sqrt(Math.Max(0.0, 1.0 - (ratio * ratio)))) / i0Beta;
            taps[n] = cutoff * Sinc(cutoff * m) * window;
            sum += taps[n];
        }

        for (int n = 0; n < numTaps; n++)
        {
            taps[n] /= sum;
        }

        return taps;
    }

    /// <summary>Modified Bessel function of the first kind, order 0 (power series; exact to rounding for |x| ≤ 50).</summary>
    public static double BesselI0(double x)
    {
        double quarterSquare = x * x / 4.0;
        double term = 1.0;
        double sum = 1.0;
        for (int k = 1; k < 500; k++)
        {
            term *= quarterSquare / ((double)k * k);
            sum += term;
            if (term < sum * 1e-17)
            {
                break;
            }
        }

        return sum;
    }

    // numpy.sinc: sin(pi x) / (pi x), 1 at 0.
    private static double Sinc(double x)
    {
        if (x == 0)
        {
            return 1.0;
        }

        double y = Math.PI * x;
        return Math.Sin(y) / y;
    }
}
