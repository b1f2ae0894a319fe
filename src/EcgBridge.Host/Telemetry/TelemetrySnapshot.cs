using System.Diagnostics.Metrics;
using EcgBridge.Core.Audit;
using EcgBridge.Core.Telemetry;

namespace EcgBridge.Host.Telemetry;

/// <summary>The last sampled queue depths and outbox backlog, read by the observable gauges.</summary>
internal static class TelemetrySnapshot
{
    private static volatile OutboxBacklog? s_backlog;
    private static volatile IReadOnlyList<KeyValuePair<string, long>> s_queues = [];

    public static void SetBacklog(OutboxBacklog backlog) => s_backlog = backlog;

    public static void SetQueueDepths(IReadOnlyList<KeyValuePair<string, long>> depths) => s_queues = depths;

    public static IEnumerable<Measurement<long>> QueueDepths()
    {
        foreach (KeyValuePair<string, long> queue in s_queues)
        {
            yield return new Measurement<long>(queue.Value, new KeyValuePair<string, object?>(TelemetryTags.Queue, queue.Key));
        }
    }

    public static IEnumerable<Measurement<long>> OutboxPending()
    {
        if (s_backlog is { } backlog)
        {
            yield return new Measurement<long>(backlog.Pending);
        }
    }

    public static IEnumerable<Measurement<double>> OutboxLagSeconds()
    {
        if (s_backlog is { } backlog)
        {
            // Aged at collection time, so the lag keeps growing between samples while the dispatcher is stuck.
            double lag = backlog.OldestCreatedAt is { } oldest ? Math.Max(0, (DateTimeOffset.UtcNow - oldest).TotalSeconds) : 0;
            yield return new Measurement<double>(lag);
        }
    }
}
