using EcgBridge.Cli.Bench;

namespace EcgBridge.Cli.Tests.Bench;

public class BenchRateTests
{
    [Theory]
    [InlineData("10", 10.0)]
    [InlineData("10/s", 10.0)]
    [InlineData(" 2.5/S ", 2.5)]
    public void Parses_messages_per_second(string text, double expected)
    {
        Assert.True(BenchRate.TryParse(text, out BenchRate rate));
        Assert.Equal(expected, rate.PerSecond);
        Assert.False(rate.IsMax);
    }

    [Theory]
    [InlineData("max")]
    [InlineData("MAX")]
    public void Parses_max(string text)
    {
        Assert.True(BenchRate.TryParse(text, out BenchRate rate));
        Assert.True(rate.IsMax);
        Assert.Equal("max", rate.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("fast")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("10/min")]
    public void Refuses_rates_that_are_not_positive_numbers(string text)
    {
        Assert.False(BenchRate.TryParse(text, out _));
    }

    [Fact]
    public void Message_i_is_due_i_over_rate_seconds_after_the_start()
    {
        var rate = new BenchRate(4);

        Assert.Equal(TimeSpan.Zero, rate.DueOffset(0));
        Assert.Equal(TimeSpan.FromMilliseconds(250), rate.DueOffset(1));
        Assert.Equal(TimeSpan.FromSeconds(25), rate.DueOffset(100));
    }

    [Fact]
    public void Due_times_do_not_drift_over_a_long_run()
    {
        var rate = new BenchRate(9.7);

        // An hour of messages: the due time is computed from the index, never accumulated, so no rounding drift.
        Assert.Equal(3600.0, rate.DueOffset(34_920).TotalSeconds, 6);
    }

    [Fact]
    public void Max_rate_has_no_due_time_and_no_count_for_a_duration()
    {
        Assert.Equal(TimeSpan.Zero, BenchRate.Max.DueOffset(1000));
        Assert.Null(BenchRate.Max.MessagesIn(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void A_paced_duration_sends_rate_times_seconds_messages_rounded_up()
    {
        Assert.Equal(600, new BenchRate(10).MessagesIn(TimeSpan.FromMinutes(1)));
        Assert.Equal(291, new BenchRate(4.85).MessagesIn(TimeSpan.FromSeconds(60)));
        Assert.Equal(296, new BenchRate(4.85).MessagesIn(TimeSpan.FromSeconds(61)));
    }
}
