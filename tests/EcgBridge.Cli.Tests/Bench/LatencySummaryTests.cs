using EcgBridge.Cli.Bench;

namespace EcgBridge.Cli.Tests.Bench;

public class LatencySummaryTests
{
    [Fact]
    public void Percentiles_of_one_to_hundred_are_the_nearest_ranks()
    {
        double[] values = new double[100];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = 100 - i; // unsorted on purpose
        }

        LatencySummary summary = LatencySummary.Of(values)!;

        Assert.Equal(100, summary.Count);
        Assert.Equal(50, summary.P50);
        Assert.Equal(95, summary.P95);
        Assert.Equal(99, summary.P99);
        Assert.Equal(100, summary.Max);
        Assert.Equal(50.5, summary.Mean, 9);
    }

    [Fact]
    public void Percentile_is_always_a_value_that_occurred()
    {
        double[] sorted = [1, 2, 3, 1000];

        Assert.Equal(2, LatencySummary.Percentile(sorted, 50));
        Assert.Equal(1000, LatencySummary.Percentile(sorted, 95));
        Assert.Equal(1000, LatencySummary.Percentile(sorted, 99));
        Assert.Equal(1, LatencySummary.Percentile(sorted, 1));
    }

    [Fact]
    public void A_single_value_is_every_percentile()
    {
        LatencySummary summary = LatencySummary.Of([7.5])!;

        Assert.Equal(7.5, summary.P50);
        Assert.Equal(7.5, summary.P99);
        Assert.Equal(7.5, summary.Max);
    }

    [Fact]
    public void No_values_give_no_summary()
    {
        Assert.Null(LatencySummary.Of([]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(double.NaN)]
    public void Percent_outside_zero_to_hundred_is_refused(double percent)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LatencySummary.Percentile(new double[] { 1, 2 }, percent));
    }
}
