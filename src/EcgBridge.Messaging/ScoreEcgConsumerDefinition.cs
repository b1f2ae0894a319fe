using MassTransit;
using Microsoft.Extensions.Options;

namespace EcgBridge.Messaging;

/// <summary>
/// Endpoint settings of <see cref="ScoreEcgConsumer"/>: a durable quorum queue on RabbitMQ, concurrency sized for the
/// inference micro-batcher, prefetch just above it, incremental retry for transient faults, and slow retries through a database or broker outage. Delayed redelivery runs on
/// the in-memory transport only: RabbitMQ's delayed-message plugin is not installed on these machines, so on RabbitMQ a
/// message that exhausts its retries goes to the <c>_error</c> queue (codes in headers, no PHI) for an operator to move back.
/// </summary>
public sealed class ScoreEcgConsumerDefinition : ConsumerDefinition<ScoreEcgConsumer>
{
    private readonly BusOptions _options;

    public ScoreEcgConsumerDefinition(IOptions<BusOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        EndpointName = _options.EntityPrefix + _options.ScoreQueue;
        ConcurrentMessageLimit = _options.ConcurrentMessageLimit;
    }

    /// <inheritdoc />
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ScoreEcgConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.SetQuorumQueue();
            rabbit.Durable = true;
            rabbit.AutoDelete = false;
            rabbit.PrefetchCount = _options.PrefetchCount;
        }
        else
        {
            endpointConfigurator.UseDelayedRedelivery(r => r.Intervals(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(90)));
        }

        // Outer policy: a database or broker outage (PostgreSQL restarting, a failover) outlasts the quick retries
        // below. Without this, every message in flight would be parked in the error queue although it was answered
        // AA; instead it stays unacked and is tried again at a slow pace until the outage ends.
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Handle<Exception>(TransientFaults.IsOutage);
            r.Interval(_options.OutageRetryLimit, TimeSpan.FromSeconds(_options.OutageRetryIntervalSeconds));
        });

        int step = _options.RetryIntervalMilliseconds;
        endpointConfigurator.UseMessageRetry(r => r.Incremental(
            _options.RetryLimit,
            TimeSpan.FromMilliseconds(step),
            TimeSpan.FromMilliseconds(step)));
    }
}
