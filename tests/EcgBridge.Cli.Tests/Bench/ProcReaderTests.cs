using EcgBridge.Cli.Bench;

namespace EcgBridge.Cli.Tests.Bench;

public class ProcReaderTests
{
    // A real /proc/<pid>/stat line of a dotnet process (fields 14 and 15: utime 1520, stime 318).
    private const string Stat =
        "12345 (dotnet) S 1 12345 12345 0 -1 4194560 51234 0 12 0 1520 318 0 0 20 0 24 0 987654 3401234432 61234 18446744073709551615 1 1 0 0 0 0 0 4096 17663 0 0 0 17 1 0 0 0 0 0";

    [Fact]
    public void Cpu_ticks_are_utime_plus_stime()
    {
        Assert.True(ProcReader.TryParseCpuTicks(Stat, out long ticks));
        Assert.Equal(1520 + 318, ticks);
    }

    [Fact]
    public void A_command_name_with_spaces_and_parentheses_does_not_shift_the_fields()
    {
        string stat = Stat.Replace("(dotnet)", "(my (odd) name)", StringComparison.Ordinal);

        Assert.True(ProcReader.TryParseCpuTicks(stat, out long ticks));
        Assert.Equal(1838, ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345 dotnet S 1")]
    [InlineData("12345 (dotnet) S 1 2 3")]
    public void Truncated_stat_is_not_read(string stat)
    {
        Assert.False(ProcReader.TryParseCpuTicks(stat, out _));
    }

    [Fact]
    public void Status_values_are_read_by_exact_key()
    {
        const string status = "Name:\tdotnet\nVmHWM:\t  412345 kB\nVmRSS:\t  398765 kB\nRssAnon:\t  300000 kB\nThreads:\t31\n";

        Assert.Equal(398765, ProcReader.StatusValue(status, "VmRSS"));
        Assert.Equal(412345, ProcReader.StatusValue(status, "VmHWM"));
        Assert.Equal(31, ProcReader.StatusValue(status, "Threads"));
        Assert.Null(ProcReader.StatusValue(status, "Rss"));
        Assert.Null(ProcReader.StatusValue(status, "VmSwap"));
    }

    [Fact]
    public void Cpu_percent_is_of_one_core()
    {
        var first = new ProcessSample(TimeSpan.FromSeconds(10), 1000, 0, 0, 0);
        var last = new ProcessSample(TimeSpan.FromSeconds(20), 2500, 0, 0, 0);

        // 1500 ticks = 15 s of CPU in 10 s of wall time: one and a half cores.
        Assert.Equal(150, ProcReader.CpuPercent(first, last), 9);
    }

    [Fact]
    public void Load_average_is_the_first_field()
    {
        Assert.Equal(3.25, ProcReader.ParseLoadAverage("3.25 2.10 1.05 4/512 99999\n"));
        Assert.Null(ProcReader.ParseLoadAverage(""));
    }

    [Fact]
    public void The_running_test_process_can_be_read()
    {
        ProcessSample? sample = ProcReader.TryRead(Environment.ProcessId, TimeSpan.Zero);

        if (OperatingSystem.IsLinux())
        {
            Assert.NotNull(sample);
            Assert.True(sample.Value.RssKilobytes > 0);
            Assert.True(sample.Value.Threads > 0);
        }
    }
}
