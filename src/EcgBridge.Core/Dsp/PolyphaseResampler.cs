using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EcgBridge.Core.Dsp;

/// <summary>
/// Rational polyphase resampler that reproduces scipy.signal.resample_poly(x, up, down) with its defaults
/// (Kaiser β = 5 anti-aliasing FIR of 2·10·max(up, down)+1 taps, zero padding, scipy's output alignment),
/// computing only the output samples asked for. Instances are immutable and cached per ratio.
/// </summary>
public sealed class PolyphaseResampler
{
    /// <summary>Largest max(up, down) accepted; the FIR then has 20·this+1 taps.</summary>
    public const int MaxFactor = 4000;

    private const int CacheLimit = 64;
    private const double KaiserBeta = 5.0;
    private static readonly ConcurrentDictionary<long, PolyphaseResampler> Cache = new();

    // Phase r holds taps h[r], h[r+up], h[r+2up], ... stored reversed, so each output is a forward dot product
    // over contiguous input samples.
    private readonly double[] _phaseTaps;
    private readonly int[] _phaseStart;
    private readonly int[] _phaseLength;

    private PolyphaseResampler(int up, int down)
    {
        Up = up;
        Down = down;
        int maxRate = Math.Max(up, down);
        HalfLength = 10 * maxRate;
        _phaseStart = new int[up];
        _phaseLength = new int[up];
        if (up == 1 && down == 1)
        {
            _phaseTaps = [];
            return;
        }

        double[] taps = FirDesign.KaiserLowPass((2 * HalfLength) + 1, 1.0 / maxRate, KaiserBeta);
        _phaseTaps = new double[taps.Length];
        int offset = 0;
        for (int r = 0; r < up; r++)
        {
            int length = r < taps.Length ? (taps.Length - r + up - 1) / up : 0;
            _phaseStart[r] = offset;
            _phaseLength[r] = length;
            for (int j = 0; j < length; j++)
            {
                _phaseTaps[offset + j] = taps[r + ((length - 1 - j) * up)] * up;
            }

            offset += length;
        }
    }

    /// <summary>Upsampling factor after reduction by the greatest common divisor.</summary>
    public int Up { get; }

    /// <summary>Downsampling factor after reduction by the greatest common divisor.</summary>
    public int Down { get; }

    /// <summary>scipy's half_len: 10 · max(up, down).</summary>
    public int HalfLength { get; }

    /// <summary>True when the rates are equal and samples are copied unchanged (scipy returns a copy too).</summary>
    public bool IsIdentity => Up == 1 && Down == 1;

    /// <summary>
    /// Finds the resampler from <paramref name="sourceRateHz"/> to <paramref name="targetRateHz"/>. The source rate may be
    /// fractional (FHIR periods such as 3 ms) as long as it is a ratio with a denominator up to 1000; false when the
    /// rate cannot be expressed or the factors exceed <see cref="MaxFactor"/>.
    /// </summary>
    public static bool TryGet(double sourceRateHz, int targetRateHz, out PolyphaseResampler? resampler)
    {
        resampler = null;
        if (!double.IsFinite(sourceRateHz) || sourceRateHz <= 0 || targetRateHz <= 0
            || !TryRational(sourceRateHz, out long numerator, out long denominator))
        {
            return false;
        }

        // target / (numerator / denominator) = target·denominator / numerator.
        long up = targetRateHz * denominator;
        long down = numerator;
        long divisor = Gcd(up, down);
        up /= divisor;
        down /= divisor;
        if (up > MaxFactor || down > MaxFactor)
        {
            return false;
        }

        long key = (up << 32) | down;
        if (Cache.TryGetValue(key, out resampler))
        {
            return true;
        }

        resampler = new PolyphaseResampler((int)up, (int)down);
        if (Cache.Count < CacheLimit)
        {
            resampler = Cache.GetOrAdd(key, resampler);
        }

        return true;
    }

    /// <summary>Number of output samples scipy produces for an input of <paramref name="inputLength"/> samples.</summary>
    public int OutputLength(int inputLength) => (int)((((long)inputLength * Up) + Down - 1) / Down);

    /// <summary>
    /// Writes the first <c>output.Length</c> resampled samples of <paramref name="input"/> (which must not exceed
    /// <see cref="OutputLength"/>). No allocation; summation order is fixed, so results are bit-identical across runs.
    /// </summary>
    public void Process(ReadOnlySpan<double> input, Span<double> output)
    {
        if (output.Length > OutputLength(input.Length))
        {
            throw new ArgumentException("More output requested than the input yields.", nameof(output));
        }

        if (IsIdentity)
        {
            input[..output.Length].CopyTo(output);
            return;
        }

        int inputLength = input.Length;
        ReadOnlySpan<double> allTaps = _phaseTaps;
        for (int m = 0; m < output.Length; m++)
        {
            // Output m is centred on upsampled position m·down: y[m] = Σ_i h[i]·xu[m·down + halfLen − i].
            long position = ((long)m * Down) + HalfLength;
            int phase = (int)(position % Up);
            int newest = (int)(position / Up);
            int length = _phaseLength[phase];
            int first = newest - length + 1;
            int jStart = Math.Max(0, -first);
            int jEnd = Math.Min(length, inputLength - first);
            ReadOnlySpan<double> taps = allTaps.Slice(_phaseStart[phase] + jStart, jEnd - jStart);
            output[m] = Dot(taps, input.Slice(first + jStart, jEnd - jStart));
        }
    }

    // Four partial sums (one per SIMD lane: lane i takes j ≡ i mod 4) hide the add latency; the order is fixed and the
    // software fallback does the same per lane, so results never vary between runs or machines. No FMA.
    private static double Dot(ReadOnlySpan<double> taps, ReadOnlySpan<double> samples)
    {
        ref double tapRef = ref MemoryMarshal.GetReference(taps);
        ref double sampleRef = ref MemoryMarshal.GetReference(samples);
        int length = Math.Min(taps.Length, samples.Length);
        Vector256<double> sums = Vector256<double>.Zero;
        int j = 0;
        for (; j + 4 <= length; j += 4)
        {
            sums += Vector256.LoadUnsafe(ref tapRef, (nuint)j) * Vector256.LoadUnsafe(ref sampleRef, (nuint)j);
        }

        double s0 = sums.GetElement(0);
        for (; j < length; j++)
        {
            s0 += taps[j] * samples[j];
        }

        return (s0 + sums.GetElement(1)) + (sums.GetElement(2) + sums.GetElement(3));
    }

    private static bool TryRational(double value, out long numerator, out long denominator)
    {
        // Continued fraction with denominators up to 1000: integer rates give q = 1, "1000/3" gives 1000/3.
        long h0 = 0, h1 = 1, k0 = 1, k1 = 0;
        double x = value;
        for (int step = 0; step < 20; step++)
        {
            double a = Math.Floor(x);
            if (a > int.MaxValue)
            {
                break;
            }

            long ai = (long)a;
            long h2 = (ai * h1) + h0;
            long k2 = (ai * k1) + k0;
            if (k2 > 1000)
            {
                break;
            }

            h0 = h1;
            h1 = h2;
            k0 = k1;
            k1 = k2;
            if (Math.Abs(((double)h1 / k1) - value) <= 1e-9 * value)
            {
                numerator = h1;
                denominator = k1;
                return h1 > 0;
            }

            double fraction = x - a;
            if (fraction < 1e-12)
            {
                break;
            }

            x = 1.0 / fraction;
        }

        numerator = 0;
        denominator = 0;
        return false;
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
