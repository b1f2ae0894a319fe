using System.Numerics;
using System.Runtime.Intrinsics;

namespace EcgBridge.Core.Dsp;

/// <summary>
/// An IIR filter b/a (a[0] = 1) with scipy-compatible design (butter, iirnotch) and zero-phase application equal to
/// scipy.signal.filtfilt(b, a, x) with its defaults: odd extension of 3·max(len(a), len(b)) samples and lfilter_zi
/// initial conditions. Immutable; direct form II transposed in double precision with a fixed operation order.
/// </summary>
public sealed class IirFilter
{
    /// <summary>Largest order accepted by the designers.</summary>
    public const int MaxOrder = 16;

    private readonly double[] _b;
    private readonly double[] _a;
    private readonly double[] _zi;

    /// <summary>Creates a filter from transfer-function coefficients (normalized so that a[0] = 1).</summary>
    public IirFilter(ReadOnlySpan<double> b, ReadOnlySpan<double> a)
    {
        if (b.IsEmpty || a.IsEmpty || a[0] == 0 || Math.Max(a.Length, b.Length) > MaxOrder + 1)
        {
            throw new ArgumentException("Coefficients must be non-empty, a[0] non-zero, order at most 16.", nameof(a));
        }

        int n = Math.Max(a.Length, b.Length);
        _b = new double[n];
        _a = new double[n];
        for (int i = 0; i < b.Length; i++)
        {
            _b[i] = b[i] / a[0];
        }

        for (int i = 0; i < a.Length; i++)
        {
            _a[i] = a[i] / a[0];
        }

        PadLength = 3 * n;
        _zi = SteadyStateInitialConditions(_b, _a);
    }

    /// <summary>Numerator coefficients.</summary>
    public ReadOnlySpan<double> B => _b;

    /// <summary>Denominator coefficients (a[0] = 1).</summary>
    public ReadOnlySpan<double> A => _a;

    /// <summary>scipy.signal.lfilter_zi(b, a): the step-response steady state.</summary>
    public ReadOnlySpan<double> InitialState => _zi;

    /// <summary>filtfilt's default padlen: 3 · max(len(a), len(b)).</summary>
    public int PadLength { get; }

    /// <summary>Scratch length <see cref="FilterForwardBackward"/> needs for a signal of <paramref name="signalLength"/>.</summary>
    public int ScratchLength(int signalLength) => signalLength + (2 * PadLength);

    /// <summary>Like scipy.signal.butter(order, cutoffHz, 'highpass', fs=sampleRateHz).</summary>
    public static IirFilter ButterworthHighPass(int order, double cutoffHz, double sampleRateHz) =>
        Butterworth(order, cutoffHz, sampleRateHz, highPass: true);

    /// <summary>Like scipy.signal.butter(order, cutoffHz, 'lowpass', fs=sampleRateHz).</summary>
    public static IirFilter ButterworthLowPass(int order, double cutoffHz, double sampleRateHz) =>
        Butterworth(order, cutoffHz, sampleRateHz, highPass: false);

    /// <summary>Like scipy.signal.iirnotch(frequencyHz, quality, fs=sampleRateHz).</summary>
    public static IirFilter Notch(double frequencyHz, double quality, double sampleRateHz)
    {
        if (!(frequencyHz > 0 && frequencyHz < sampleRateHz / 2) || !(quality > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(frequencyHz), "Notch frequency must lie in (0, fs/2), Q > 0.");
        }

        double w0 = 2.0 * frequencyHz / sampleRateHz;
        double bandwidth = w0 / quality * Math.PI;
        w0 *= Math.PI;
        double gb = 1.0 / Math.Sqrt(2.0);
        double beta = Math.Sqrt(1.0 - (gb * gb)) / gb * Math.Tan(bandwidth / 2.0);
        double gain = 1.0 / (1.0 + beta);
        double cos = Math.Cos(w0);
        return new IirFilter([gain, -2.0 * cos * gain, gain], [1.0, -2.0 * gain * cos, (2.0 * gain) - 1.0]);
    }

    /// <summary>
    /// Zero-phase filtering in place, equal to scipy.signal.filtfilt(b, a, x) (padtype 'odd', default padlen).
    /// <paramref name="scratch"/> must hold <see cref="ScratchLength"/> values. The signal must be longer than
    /// <see cref="PadLength"/>.
    /// </summary>
    public void FilterForwardBackward(Span<double> signal, Span<double> scratch)
    {
        int n = signal.Length;
        int edge = PadLength;
        if (n <= edge)
        {
            throw new ArgumentException("The signal must be longer than the pad length.", nameof(signal));
        }

        Span<double> extended = scratch[..(n + (2 * edge))];
        double first = signal[0];
        double last = signal[n - 1];
        for (int i = 0; i < edge; i++)
        {
            extended[i] = (2.0 * first) - signal[edge - i];
            extended[edge + n + i] = (2.0 * last) - signal[n - 2 - i];
        }

        signal.CopyTo(extended[edge..]);
        Span<double> state = stackalloc double[MaxOrder];
        Run(extended, state, extended[0], reverse: false);
        Run(extended, state, extended[^1], reverse: true);
        extended.Slice(edge, n).CopyTo(signal);
    }

    /// <summary>
    /// <see cref="FilterForwardBackward"/> on four equally long signals at once (one per SIMD lane, the same operations
    /// per lane as the single-signal path, so results are identical). <paramref name="scratch"/> must hold
    /// 4 · <see cref="ScratchLength"/> values.
    /// </summary>
    public void FilterForwardBackward4(Span<double> first, Span<double> second, Span<double> third, Span<double> fourth, Span<double> scratch)
    {
        int n = first.Length;
        if (second.Length != n || third.Length != n || fourth.Length != n)
        {
            throw new ArgumentException("The four signals must have the same length.", nameof(second));
        }

        if (_a.Length != 3)
        {
            FilterForwardBackward(first, scratch);
            FilterForwardBackward(second, scratch);
            FilterForwardBackward(third, scratch);
            FilterForwardBackward(fourth, scratch);
            return;
        }

        int edge = PadLength;
        if (n <= edge)
        {
            throw new ArgumentException("The signals must be longer than the pad length.", nameof(first));
        }

        int extendedLength = n + (2 * edge);
        Span<double> interleaved = scratch[..(4 * extendedLength)];
        Interleave(first, 0, interleaved, edge);
        Interleave(second, 1, interleaved, edge);
        Interleave(third, 2, interleaved, edge);
        Interleave(fourth, 3, interleaved, edge);
        RunSecondOrder4(interleaved, reverse: false);
        RunSecondOrder4(interleaved, reverse: true);
        Deinterleave(interleaved, 0, first, edge);
        Deinterleave(interleaved, 1, second, edge);
        Deinterleave(interleaved, 2, third, edge);
        Deinterleave(interleaved, 3, fourth, edge);
    }

    private static void Interleave(ReadOnlySpan<double> signal, int lane, Span<double> interleaved, int edge)
    {
        int n = signal.Length;
        double first = signal[0];
        double last = signal[n - 1];
        for (int i = 0; i < edge; i++)
        {
            interleaved[(4 * i) + lane] = (2.0 * first) - signal[edge - i];
            interleaved[(4 * (edge + n + i)) + lane] = (2.0 * last) - signal[n - 2 - i];
        }

        for (int k = 0; k < n; k++)
        {
            interleaved[(4 * (edge + k)) + lane] = signal[k];
        }
    }

    private static void Deinterleave(ReadOnlySpan<double> interleaved, int lane, Span<double> signal, int edge)
    {
        for (int k = 0; k < signal.Length; k++)
        {
            signal[k] = interleaved[(4 * (edge + k)) + lane];
        }
    }

    private void RunSecondOrder4(Span<double> interleaved, bool reverse)
    {
        Vector256<double> b0 = Vector256.Create(_b[0]), b1 = Vector256.Create(_b[1]), b2 = Vector256.Create(_b[2]);
        Vector256<double> a1 = Vector256.Create(_a[1]), a2 = Vector256.Create(_a[2]);
        int frames = interleaved.Length / 4;
        Vector256<double> initial = Vector256.Create(interleaved.Slice(reverse ? 4 * (frames - 1) : 0, 4));
        Vector256<double> z0 = Vector256.Create(_zi[0]) * initial;
        Vector256<double> z1 = Vector256.Create(_zi[1]) * initial;
        for (int step = 0; step < frames; step++)
        {
            Span<double> frame = interleaved.Slice(4 * (reverse ? frames - 1 - step : step), 4);
            Vector256<double> x = Vector256.Create((ReadOnlySpan<double>)frame);
            Vector256<double> y = z0 + (b0 * x);
            z0 = z1 + (x * b1) - (y * a1);
            z1 = (x * b2) - (y * a2);
            y.CopyTo(frame);
        }
    }

    private void Run(Span<double> data, Span<double> state, double initialInput, bool reverse)
    {
        int order = _a.Length - 1;
        for (int i = 0; i < order; i++)
        {
            state[i] = _zi[i] * initialInput;
        }

        if (order == 2)
        {
            RunSecondOrder(data, state, reverse);
            return;
        }

        ReadOnlySpan<double> b = _b;
        ReadOnlySpan<double> a = _a;
        int count = data.Length;
        for (int step = 0; step < count; step++)
        {
            int k = reverse ? count - 1 - step : step;
            double x = data[k];
            double y = state[0] + (b[0] * x);
            for (int i = 0; i < order - 1; i++)
            {
                // scipy's lfilter order: z[i] = z[i+1] + x·b[i+1] − y·a[i+1].
                state[i] = state[i + 1] + (x * b[i + 1]) - (y * a[i + 1]);
            }

            if (order > 0)
            {
                state[order - 1] = (x * b[order]) - (y * a[order]);
            }

            data[k] = y;
        }
    }

    // The default (order-2 Butterworth, notch) unrolled; same operation order as the general loop.
    private void RunSecondOrder(Span<double> data, Span<double> state, bool reverse)
    {
        double b0 = _b[0], b1 = _b[1], b2 = _b[2], a1 = _a[1], a2 = _a[2];
        double z0 = state[0], z1 = state[1];
        if (reverse)
        {
            for (int k = data.Length - 1; k >= 0; k--)
            {
                double x = data[k];
                double y = z0 + (b0 * x);
                z0 = z1 + (x * b1) - (y * a1);
                z1 = (x * b2) - (y * a2);
                data[k] = y;
            }
        }
        else
        {
            for (int k = 0; k < data.Length; k++)
            {
                double x = data[k];
                double y = z0 + (b0 * x);
                z0 = z1 + (x * b1) - (y * a1);
                z1 = (x * b2) - (y * a2);
                data[k] = y;
            }
        }
    }

    private static IirFilter Butterworth(int order, double cutoffHz, double sampleRateHz, bool highPass)
    {
        if (order < 1 || order > MaxOrder)
        {
            throw new ArgumentOutOfRangeException(nameof(order), "Order must be 1..16.");
        }

        if (!(cutoffHz > 0 && cutoffHz < sampleRateHz / 2))
        {
            throw new ArgumentOutOfRangeException(nameof(cutoffHz), "Cutoff must lie in (0, fs/2).");
        }

        // scipy: buttap poles, prewarp with fs = 2, lp2hp/lp2lp, bilinear_zpk, zpk2tf.
        double normalized = 2.0 * cutoffHz / sampleRateHz;
        double warped = 2.0 * 2.0 * Math.Tan(Math.PI * normalized / 2.0);
        var poles = new Complex[order];
        for (int i = 0; i < order; i++)
        {
            int m = -order + 1 + (2 * i);
            poles[i] = -Complex.Exp(Complex.ImaginaryOne * Math.PI * m / (2 * order));
        }

        Complex gain = Complex.One;
        var analogZeros = new Complex[highPass ? order : 0];
        if (highPass)
        {
            Complex product = Complex.One;
            for (int i = 0; i < order; i++)
            {
                product *= -poles[i];
                poles[i] = warped / poles[i];
            }

            gain = (Complex.One / product).Real;
        }
        else
        {
            for (int i = 0; i < order; i++)
            {
                poles[i] *= warped;
            }

            gain = Math.Pow(warped, order);
        }

        const double fs2 = 4.0;
        Complex numerator = Complex.One;
        Complex denominator = Complex.One;
        var digitalZeros = new Complex[order];
        var digitalPoles = new Complex[order];
        for (int i = 0; i < analogZeros.Length; i++)
        {
            digitalZeros[i] = (fs2 + analogZeros[i]) / (fs2 - analogZeros[i]);
            numerator *= fs2 - analogZeros[i];
        }

        for (int i = analogZeros.Length; i < order; i++)
        {
            digitalZeros[i] = -Complex.One;
        }

        for (int i = 0; i < order; i++)
        {
            digitalPoles[i] = (fs2 + poles[i]) / (fs2 - poles[i]);
            denominator *= fs2 - poles[i];
        }

        double digitalGain = (gain * (numerator / denominator)).Real;
        double[] b = Poly(digitalZeros);
        double[] a = Poly(digitalPoles);
        for (int i = 0; i < b.Length; i++)
        {
            b[i] *= digitalGain;
        }

        return new IirFilter(b, a);
    }

    // numpy.poly: coefficients of Π (x − root), highest power first; conjugate pairs leave a real polynomial.
    private static double[] Poly(Complex[] roots)
    {
        var coefficients = new Complex[roots.Length + 1];
        coefficients[0] = Complex.One;
        for (int r = 0; r < roots.Length; r++)
        {
            for (int i = r + 1; i >= 1; i--)
            {
                coefficients[i] -= roots[r] * coefficients[i - 1];
            }
        }

        var real = new double[coefficients.Length];
        for (int i = 0; i < real.Length; i++)
        {
            real[i] = coefficients[i].Real;
        }

        return real;
    }

    // scipy.signal.lfilter_zi: solve (I − companion(a)ᵀ)·zi = b[1:] − a[1:]·b[0] by Gaussian elimination.
    private static double[] SteadyStateInitialConditions(double[] b, double[] a)
    {
        int n = a.Length - 1;
        var zi = new double[n];
        if (n == 0)
        {
            return zi;
        }

        var matrix = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            matrix[i, i] = 1.0;
            matrix[i, 0] += a[i + 1];
            if (i + 1 < n)
            {
                matrix[i, i + 1] -= 1.0;
            }

            zi[i] = b[i + 1] - (a[i + 1] * b[0]);
        }

        for (int column = 0; column < n; column++)
        {
            int pivot = column;
            for (int row = column + 1; row < n; row++)
            {
                if (Math.Abs(matrix[row, column]) > Math.Abs(matrix[pivot, column]))
                {
                    pivot = row;
                }
            }

            if (pivot != column)
            {
                for (int k = 0; k < n; k++)
                {
                    (matrix[column, k], matrix[pivot, k]) = (matrix[pivot, k], matrix[column, k]);
                }

                (zi[column], zi[pivot]) = (zi[pivot], zi[column]);
            }

            for (int row = column + 1; row < n; row++)
            {
                double factor = matrix[row, column] / matrix[column, column];
                for (int k = column; k < n; k++)
                {
                    matrix[row, k] -= factor * matrix[column, k];
                }

                zi[row] -= factor * zi[column];
            }
        }

        for (int row = n - 1; row >= 0; row--)
        {
            double sum = zi[row];
            for (int k = row + 1; k < n; k++)
            {
                sum -= matrix[row, k] * zi[k];
            }

            zi[row] = sum / matrix[row, row];
        }

        return zi;
    }
}
