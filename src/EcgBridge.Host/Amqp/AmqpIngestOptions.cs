using System.ComponentModel.DataAnnotations;

namespace EcgBridge.Host.Amqp;

/// <summary>
/// AMQP ingestion for integration engines that publish to RabbitMQ themselves (<c>EcgBridge:AmqpIngest</c>); active when
/// <c>EcgBridge:Bus:RabbitMq</c> is set. Names get the bus's <c>EntityPrefix</c>.
/// </summary>
public sealed class AmqpIngestOptions
{
    public const string SectionName = "EcgBridge:AmqpIngest";

    /// <summary>Turns the consumer off even when RabbitMQ is configured.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Durable direct exchange producers publish to.</summary>
    [Required]
    public string Exchange { get; set; } = "ecgbridge.ingest";

    /// <summary>Durable quorum queue bound to the exchange.</summary>
    [Required]
    public string Queue { get; set; } = "ecgbridge.ingest";

    /// <summary>Routing key of the binding (producers publish with it).</summary>
    public string RoutingKey { get; set; } = "ecg";

    /// <summary>Messages handled at once (unacked prefetch).</summary>
    [Range(1, 1000)]
    public ushort Prefetch { get; set; } = 8;

    /// <summary>Pause before a message met by a database or broker outage is handed back to the queue.</summary>
    [Range(0, 60_000)]
    public int RequeueDelayMilliseconds { get; set; } = 1000;
}
