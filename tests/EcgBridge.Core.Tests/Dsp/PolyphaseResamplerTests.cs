using EcgBridge.Core.Dsp;

namespace EcgBridge.Core.Tests.Dsp;

public sealed class PolyphaseResamplerTests
{
    [Theory]
    [InlineData(100, 5, 1)]
    [InlineData(125, 4, 1)]
    [InlineData(150, 10, 3)]
    [InlineData(250, 2, 1)]
    [InlineData(257, 500, 257)]
    [InlineData(360, 25, 18)]
    [InlineData(500, 1, 1)]
    [InlineData(1000, 1, 2)]
    [InlineData(1000.0 / 3.0, 3, 2)]
    public void Reduces_the_rate_ratio_like_scipy(double sourceRate, int up, int down)
    {
        Assert.True(PolyphaseResampler.TryGet(sourceRate, 500, out PolyphaseResampler? resampler));

        Assert.Equal(up, resampler!.Up);
        Assert.Equal(down, resampler.Down);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(0)]
    [InlineData(-500)]
    [InlineData(Math.PI * 100)]
    public void Refuses_rates_that_are_not_a_small_ratio(double sourceRate) =>
        Assert.False(PolyphaseResampler.TryGet(sourceRate, 500, out _));

    [Fact]
    public void Matches_scipy_resample_poly_on_a_short_sine()
    {
        double[] x = Enumerable.Range(0, 40).Select(n => Math.Sin(n * 0.3)).ToArray();
        Assert.True(PolyphaseResampler.TryGet(200, 500, out PolyphaseResampler? up));
        Assert.True(PolyphaseResampler.TryGet(750, 500, out PolyphaseResampler? down));
        var upOut = new double[6];
        var downOut = new double[4];

        up!.Process(x, upOut);
        down!.Process(x, downOut);

        // scipy 1.10.1: resample_poly(x, 5, 2)[:6] and resample_poly(x, 2, 3)[:4].
        double[] expectedUp = [3.0339141773924342e-18, 9.1464922852422054e-02, 2.2560664984601198e-01, 3.6180658323778386e-01, 4.7398532000704935e-01, 5.6500978268656199e-01];
        double[] expectedDown = [0.0282572219655992, 0.4308347529988121, 0.7857773614697373, 0.9754583035986946];
        for (int i = 0; i < expectedUp.Length; i++)
        {
            Assert.Equal(expectedUp[i], upOut[i], 1e-14);
        }

        for (int i = 0; i < expectedDown.Length; i++)
        {
            Assert.Equal(expectedDown[i], downOut[i], 1e-14);
        }
    }

    [Fact]
    public void Designs_the_kaiser_filter_like_scipy_firwin()
    {
        double[] taps = FirDesign.KaiserLowPass(21, 0.5, 5.0);

        Assert.Equal(0.003360870894272546, taps[1], 1e-15);
        Assert.Equal(0.4996776435736391, taps[10], 1e-15);
    }
}
