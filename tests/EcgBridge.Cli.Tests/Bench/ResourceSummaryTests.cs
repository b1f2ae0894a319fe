using EcgBridge.Cli.Bench;

namespace EcgBridge.Cli.Tests.Bench;

public class ResourceSummaryTests
{
    [Fact]
    public void Rss_is_summed_over_processes_and_growth_is_end_over_start()
    {
        List<ProcessSample> a = [Sample(0, 0, 100 * 1024), Sample(10, 500, 150 * 1024), Sample(20, 1000, 110 * 1024)];
        List<ProcessSample> b = [Sample(0, 0, 100 * 1024), Sample(10, 100, 100 * 1024), Sample(20, 200, 100 * 1024)];

        ResourceSummary summary = ResourceSummary.Of([a, b], [1.5, 3.0, 2.0]);

        Assert.Equal(2, summary.Processes);
        Assert.Equal(3, summary.Samples);
        Assert.Equal(200, summary.RssStartMiB);
        Assert.Equal(210, summary.RssEndMiB);
        Assert.Equal(250, summary.RssMaxMiB);
        Assert.Equal(5, summary.RssGrowthPercent, 9);
        Assert.Equal(60, summary.CpuPercent, 9); // 1200 ticks = 12 s of CPU over 20 s
        Assert.Equal(1.5, summary.LoadMin);
        Assert.Equal(3.0, summary.LoadMax);
    }

    [Fact]
    public void No_samples_give_zeros_not_a_division_by_zero()
    {
        ResourceSummary summary = ResourceSummary.Of([[]], []);

        Assert.Equal(0, summary.Samples);
        Assert.Equal(0, summary.RssGrowthPercent);
        Assert.Null(summary.LoadMax);
    }

    private static ProcessSample Sample(double seconds, long ticks, long rssKilobytes) =>
        new(TimeSpan.FromSeconds(seconds), ticks, rssKilobytes, rssKilobytes, 10);
}
