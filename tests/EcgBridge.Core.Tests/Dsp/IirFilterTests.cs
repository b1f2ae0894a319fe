using EcgBridge.Core.Dsp;

namespace EcgBridge.Core.Tests.Dsp;

public sealed class IirFilterTests
{
    // Reference values: scipy 1.10.1 signal.butter / iirnotch / lfilter_zi.
    [Fact]
    public void Designs_the_default_baseline_high_pass_like_scipy_butter()
    {
        IirFilter filter = IirFilter.ButterworthHighPass(2, 0.5, 500);

        AssertClose([0.9955669720176472, -1.9911339440352944, 0.9955669720176472], filter.B, 1e-14);
        AssertClose([1.0, -1.9911142922016536, 0.9911535958689355], filter.A, 1e-14);
        AssertClose([-0.9955669720205022, 0.995566972020477], filter.InitialState, 1e-9);
        Assert.Equal(9, filter.PadLength);
    }

    [Fact]
    public void Designs_other_orders_and_low_passes_like_scipy_butter()
    {
        IirFilter lowPass = IirFilter.ButterworthLowPass(4, 40, 500);
        IirFilter highPass = IirFilter.ButterworthHighPass(3, 0.67, 1000);

        AssertClose([0.00223489169808232, 0.0089395667923293, 0.01340935018849395, 0.0089395667923293, 0.00223489169808232], lowPass.B, 1e-14);
        AssertClose([1.0, -2.6926109870174355, 2.86739910911139, -1.4034846713681417, 0.26445481644350444], lowPass.A, 1e-13);
        AssertClose([0.9977651083019192, -1.70378544550785, 1.1502043134150506, -0.26221992474542255], lowPass.InitialState, 1e-12);
        AssertClose([0.9957991112585726, -2.987397333775718, 2.987397333775718, -0.9957991112585726], highPass.B, 1e-13);
        AssertClose([1.0, -2.9915805379053024, 2.983196482179917, -0.9916158699833635], highPass.A, 1e-13);
    }

    [Fact]
    public void Designs_the_mains_notch_like_scipy_iirnotch()
    {
        IirFilter notch = IirFilter.Notch(50, 30, 500);

        AssertClose([0.9896361753628921, -1.6012649682336109, 0.9896361753628921], notch.B, 1e-15);
        AssertClose([1.0, -1.6012649682336109, 0.9792723507257841], notch.A, 1e-15);
    }

    [Fact]
    public void Forward_backward_filtering_keeps_a_constant_signal_near_zero_after_a_high_pass()
    {
        IirFilter filter = IirFilter.ButterworthHighPass(2, 0.5, 500);
        double[] signal = Enumerable.Repeat(1.5, 2000).ToArray();

        filter.FilterForwardBackward(signal, new double[filter.ScratchLength(signal.Length)]);

        Assert.All(signal, x => Assert.True(Math.Abs(x) < 1e-9));
    }

    private static void AssertClose(double[] expected, ReadOnlySpan<double> actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"index {i}: {expected[i]} vs {actual[i]}");
        }
    }
}
