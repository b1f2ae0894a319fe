namespace EcgBridge.Cli.Bench;

/// <summary>One reading of a process from /proc: CPU ticks used so far, resident and peak memory.</summary>
internal readonly record struct ProcessSample(TimeSpan At, long CpuTicks, long RssKilobytes, long PeakRssKilobytes, int Threads);
