using MassTransit;
using Microsoft.Extensions.Options;

namespace EcgBridge.Messaging;

/// <summary>
/// Endpoint settings of <see cref="ScoreEcgConsumer"/>: a durable quorum queue on RabbitMQ, concurrency sized for the
/// inference micro-batcher, prefetch just above it, quick retries for faults and slow ones through a database or broker
/// outage. Delayed redelivery runs on the in-memory transport only: RabbitMQ's delayed-message plugin is not installed
/// on these machines, so on RabbitMQ a message that exhausts its retries goes to the <c>_error</c> queue (codes in
/// headers, no PHI) for an operator to move back.
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

        // Two policies with disjoint exception filters. MassTransit does not compose nested retry filters: once the
        // inner one gives up on an exception it handles, it marks the context and every outer filter rethrows without
        // retrying (RetryFilter in 8.5). So an outage fault must never be handled by the quick policy, or the slow
        // one never runs and a 30 s database stop parks every message in flight in the error queue although each
        // was answered AA (seen in the full-size fault run).
        // Outages (PostgreSQL restarting, a failover, a refused connection): a few quick retries, then slow ones
        // until the outage ends, the message staying unacked meanwhile.
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Handle<Exception>(TransientFaults.IsOutage);
            r.Intervals(OutageIntervals(_options));
        });

        // Anything else (a bug, bad state): a few quick retries, then the error queue.
        int step = _options.RetryIntervalMilliseconds;
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Handle<Exception>(e => !TransientFaults.IsOutage(e));
            r.Incremental(_options.RetryLimit, TimeSpan.FromMilliseconds(step), TimeSpan.FromMilliseconds(step));
        });
    }

    /// <summary>The quick incremental steps of <see cref="BusOptions.RetryLimit"/>, then the slow outage interval.</summary>
    internal static TimeSpan[] OutageIntervals(BusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var intervals = new TimeSpan[options.RetryLimit + options.OutageRetryLimit];
        for (int i = 0; i < options.RetryLimit; i++)
        {
            intervals[i] = TimeSpan.FromMilliseconds(options.RetryIntervalMilliseconds * (i + 1));
        }

        for (int i = options.RetryLimit; i < intervals.Length; i++)
        {
            intervals[i] = TimeSpan.FromSeconds(options.OutageRetryIntervalSeconds);
        }

        return intervals;
    }
}
