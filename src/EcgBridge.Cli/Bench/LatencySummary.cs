namespace EcgBridge.Cli.Bench;

/// <summary>Nearest-rank percentiles of a set of latencies in milliseconds (p50/p95/p99, mean, max).</summary>
internal sealed record LatencySummary(int Count, double Mean, double P50, double P95, double P99, double Max)
{
    /// <summary>The summary of <paramref name="milliseconds"/>, or null when there is none.</summary>
    public static LatencySummary? Of(IReadOnlyCollection<double> milliseconds)
    {
        ArgumentNullException.ThrowIfNull(milliseconds);
        if (milliseconds.Count == 0)
        {
            return null;
        }

        double[] sorted = [.. milliseconds];
        Array.Sort(sorted);
        double sum = 0;
        foreach (double value in sorted)
        {
            sum += value;
        }

        return new LatencySummary(sorted.Length, sum / sorted.Length, Percentile(sorted, 50), Percentile(sorted, 95), Percentile(sorted, 99), sorted[^1]);
    }

    /// <summary>
    /// Nearest rank: the smallest value with at least <paramref name="percent"/> % of the values at or below it, so a
    /// reported p99 is always a latency that really occurred (no interpolation between two samples).
    /// </summary>
    public static double Percentile(ReadOnlySpan<double> sorted, double percent)
    {
        if (sorted.IsEmpty)
        {
            throw new ArgumentException("No values.", nameof(sorted));
        }

        if (percent is <= 0 or > 100 || double.IsNaN(percent))
        {
            throw new ArgumentOutOfRangeException(nameof(percent), "Percent must be in (0, 100].");
        }

        int rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
