using System.ComponentModel.DataAnnotations;

namespace EcgBridge.Messaging;

/// <summary>Bus settings (<c>EcgBridge:Bus</c>). No RabbitMQ address means the in-memory transport (embedded mode).</summary>
public sealed class BusOptions
{
    public const string SectionName = "EcgBridge:Bus";

    /// <summary>RabbitMQ address, for example <c>amqp://user:pass@host:5672/vhost</c>; empty = in-memory bus. A secret: environment only.</summary>
    public string? RabbitMq { get; set; }

    /// <summary>Queue (and endpoint) name of the scoring consumer; competing consumers on every instance share it.</summary>
    [Required]
    public string ScoreQueue { get; set; } = "ecgbridge-score-ecg";

    /// <summary>
    /// Messages scored at once per instance. The ONNX micro-batcher fills a batch from concurrent calls, so this is the
    /// largest useful batch, not the core count.
    /// </summary>
    [Range(1, 1024)]
    public int ConcurrentMessageLimit { get; set; } = 16;

    /// <summary>Unacked messages RabbitMQ hands one instance: a little more than the concurrency so the next batch is local.</summary>
    [Range(1, 4096)]
    public int PrefetchCount { get; set; } = 24;

    /// <summary>
    /// Quick retries at growing intervals: of a fault that is not an outage, before the error queue; and the first
    /// steps for an outage fault, before the slow outage retries.
    /// </summary>
    [Range(0, 20)]
    public int RetryLimit { get; set; } = 5;

    /// <summary>First retry interval; later ones grow by the same step.</summary>
    [Range(1, 60_000)]
    public int RetryIntervalMilliseconds { get; set; } = 500;

    /// <summary>
    /// Slow retries of a message whose processing met a database or broker outage, after the quick retries; the
    /// message stays unacked meanwhile. With the defaults an outage of up to 10 minutes loses nothing.
    /// </summary>
    [Range(0, 100_000)]
    public int OutageRetryLimit { get; set; } = 120;

    /// <summary>Pause between outage retries, in seconds.</summary>
    [Range(1, 3600)]
    public int OutageRetryIntervalSeconds { get; set; } = 5;

    /// <summary>
    /// Prefix of every exchange name (and of the default queue name), so several deployments (or test runs) can share
    /// one broker without receiving each other's messages. Empty by default.
    /// </summary>
    public string EntityPrefix { get; set; } = "";

    /// <summary>True when the RabbitMQ transport is configured.</summary>
    public bool UsesRabbitMq => !string.IsNullOrWhiteSpace(RabbitMq);
}
