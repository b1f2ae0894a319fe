using EcgBridge.Core.Dsp;

namespace EcgBridge.Core.Normalization;

/// <summary>The baseline high-pass and optional notch for one set of options, designed once and reused.</summary>
internal sealed class FilterChain
{
    private static FilterChain? s_last;

    private FilterChain(PreprocessingOptions options)
    {
        HighPassOrder = options.HighPassOrder;
        HighPassCutoffHz = options.HighPassCutoffHz;
        NotchHz = options.NotchHz;
        NotchQuality = options.NotchQuality;
        SampleRateHz = options.SampleRateHz;
        HighPass = options.HighPassCutoffHz > 0
            ? IirFilter.ButterworthHighPass(options.HighPassOrder, options.HighPassCutoffHz, options.SampleRateHz)
            : null;
        Notch = options.NotchHz is double notch ? IirFilter.Notch(notch, options.NotchQuality, options.SampleRateHz) : null;
        PadLength = Math.Max(HighPass?.PadLength ?? 0, Notch?.PadLength ?? 0);
    }

    public IirFilter? HighPass { get; }

    public IirFilter? Notch { get; }

    /// <summary>The longest filtfilt pad; the windowed signal must be longer than this.</summary>
    public int PadLength { get; }

    private int HighPassOrder { get; }

    private double HighPassCutoffHz { get; }

    private double? NotchHz { get; }

    private double NotchQuality { get; }

    private int SampleRateHz { get; }

    /// <summary>The chain for these options; the last one is kept so steady-state calls allocate nothing.</summary>
    public static FilterChain For(PreprocessingOptions options)
    {
        FilterChain? last = Volatile.Read(ref s_last);
        if (last is not null && last.Matches(options))
        {
            return last;
        }

        var chain = new FilterChain(options);
        Volatile.Write(ref s_last, chain);
        return chain;
    }

    /// <summary>Scratch <see cref="Apply4"/> needs for signals of <paramref name="length"/> samples.</summary>
    public int ScratchLength(int length) => 4 * (length + (2 * PadLength));

    /// <summary>Applies high-pass then notch to four signals at once.</summary>
    public void Apply4(Span<double> first, Span<double> second, Span<double> third, Span<double> fourth, Span<double> scratch)
    {
        HighPass?.FilterForwardBackward4(first, second, third, fourth, scratch);
        Notch?.FilterForwardBackward4(first, second, third, fourth, scratch);
    }

    /// <summary>Applies high-pass then notch, each forward and backward.</summary>
    public void Apply(Span<double> signal, Span<double> scratch)
    {
        HighPass?.FilterForwardBackward(signal, scratch);
        Notch?.FilterForwardBackward(signal, scratch);
    }

    private bool Matches(PreprocessingOptions options) =>
        options.HighPassOrder == HighPassOrder
        && options.HighPassCutoffHz.Equals(HighPassCutoffHz)
        && Nullable.Equals(options.NotchHz, NotchHz)
        && options.NotchQuality.Equals(NotchQuality)
        && options.SampleRateHz == SampleRateHz;
}
