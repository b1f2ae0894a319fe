namespace EcgBridge.Cli.Bench;

/// <summary>
/// CPU and memory of the serve process(es) over a run: CPU in percent of one core and in milliseconds used, RSS in MiB at the first and last
/// sample and the highest seen, growth from first to last in percent, and the machine's load average range.
/// </summary>
internal sealed record ResourceSummary(
    int Processes,
    int Samples,
    double CpuPercent,
    double CpuMilliseconds,
    double RssStartMiB,
    double RssEndMiB,
    double RssMaxMiB,
    double RssGrowthPercent,
    double? LoadMin,
    double? LoadMax,
    IReadOnlyList<double> RssSeriesMiB)
{
    /// <summary>Summarises per-process sample series (same sampling instants) into totals.</summary>
    public static ResourceSummary Of(IReadOnlyList<List<ProcessSample>> perProcess, IReadOnlyList<double> loads)
    {
        ArgumentNullException.ThrowIfNull(perProcess);
        ArgumentNullException.ThrowIfNull(loads);
        double cpu = 0;
        double cpuMs = 0;
        int length = int.MaxValue;
        foreach (List<ProcessSample> samples in perProcess)
        {
            length = Math.Min(length, samples.Count);
            if (samples.Count >= 2)
            {
                cpu += ProcReader.CpuPercent(samples[0], samples[^1]);
                cpuMs += (samples[^1].CpuTicks - samples[0].CpuTicks) / ProcReader.TicksPerSecond * 1000;
            }
        }

        if (perProcess.Count == 0 || length == int.MaxValue)
        {
            length = 0;
        }

        var series = new List<double>(length);
        for (int i = 0; i < length; i++)
        {
            long kilobytes = 0;
            foreach (List<ProcessSample> samples in perProcess)
            {
                kilobytes += samples[i].RssKilobytes;
            }

            series.Add(kilobytes / 1024.0);
        }

        double start = series.Count > 0 ? series[0] : 0;
        double end = series.Count > 0 ? series[^1] : 0;
        double max = series.Count > 0 ? series.Max() : 0;
        double growth = start > 0 ? (end - start) / start * 100 : 0;
        return new ResourceSummary(
            perProcess.Count, length, cpu, cpuMs, start, end, max, growth,
            loads.Count > 0 ? loads.Min() : null, loads.Count > 0 ? loads.Max() : null, series);
    }
}
