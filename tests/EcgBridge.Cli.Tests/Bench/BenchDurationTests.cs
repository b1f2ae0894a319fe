using EcgBridge.Cli.Bench;

namespace EcgBridge.Cli.Tests.Bench;

public class BenchDurationTests
{
    [Theory]
    [InlineData("90", 90)]
    [InlineData("90s", 90)]
    [InlineData("2m", 120)]
    [InlineData("0.5h", 1800)]
    public void Parses_seconds_minutes_and_hours(string text, double seconds)
    {
        Assert.True(BenchDuration.TryParse(text, out TimeSpan duration));
        Assert.Equal(seconds, duration.TotalSeconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-5s")]
    [InlineData("25h")]
    [InlineData("soon")]
    public void Refuses_empty_non_positive_or_longer_than_a_day(string text)
    {
        Assert.False(BenchDuration.TryParse(text, out _));
    }
}
