using EcgBridge.Messaging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace EcgBridge.Host.Amqp;

/// <summary>
/// Consumes raw HL7 v2 (<c>x-application/hl7-v2+er7</c>) and FHIR JSON/XML bodies from the <c>ecgbridge.ingest</c> queue
/// with the same acceptance, dedupe and audit rules as MLLP (<see cref="IngestService"/>). The message is acked only
/// after its answer is recorded; when the producer set <c>reply_to</c>, the ACK or OperationOutcome is published there
/// (confirmed) with the producer's correlation id first. A database or broker outage requeues the message instead of
/// answering, so the queue keeps it until it can be made durable.
/// </summary>
internal sealed class AmqpIngestService(
    IngestService ingest,
    IOptions<AmqpIngestOptions> options,
    IOptions<BusOptions> bus,
    ILogger<AmqpIngestService> logger) : BackgroundService
{
    private readonly AmqpIngestOptions _options = options.Value;
    private readonly BusOptions _bus = bus.Value;

    /// <summary>The queue name actually used (prefix included).</summary>
    public string QueueName => _bus.EntityPrefix + _options.Queue;

    /// <summary>The exchange name actually used (prefix included).</summary>
    public string ExchangeName => _bus.EntityPrefix + _options.Exchange;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(_bus.RabbitMq!),
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            ClientProvidedName = "ecgbridge-amqp-ingest",
            ConsumerDispatchConcurrency = _options.Prefetch,
        };
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using IConnection connection = await factory.CreateConnectionAsync(stoppingToken).ConfigureAwait(false);
                await using IChannel replies = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), stoppingToken).ConfigureAwait(false);
                await using IChannel channel = await connection.CreateChannelAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
                await channel.ExchangeDeclareAsync(ExchangeName, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: stoppingToken).ConfigureAwait(false);
                await channel.QueueDeclareAsync(QueueName, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?> { ["x-queue-type"] = "quorum" }, cancellationToken: stoppingToken).ConfigureAwait(false);
                await channel.QueueBindAsync(QueueName, ExchangeName, _options.RoutingKey, cancellationToken: stoppingToken).ConfigureAwait(false);
                await channel.BasicQosAsync(0, _options.Prefetch, global: false, stoppingToken).ConfigureAwait(false);
                var consumer = new AsyncEventingBasicConsumer(channel);
                consumer.ReceivedAsync += (_, delivery) => HandleAsync(channel, replies, delivery, stoppingToken);
                await channel.BasicConsumeAsync(QueueName, autoAck: false, consumer, stoppingToken).ConfigureAwait(false);
                HostLog.AmqpConsuming(logger, _options.Prefetch);
                await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The consumer must outlive a broker outage: reconnect after a pause.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                HostLog.AmqpConnectionFailed(logger, ex.GetType().Name);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task HandleAsync(IChannel channel, IChannel replies, BasicDeliverEventArgs delivery, CancellationToken cancellationToken)
    {
        byte[] body = delivery.Body.ToArray();
        AmqpAnswer answer = await AcceptAsync(body, delivery.BasicProperties.ContentType, cancellationToken).ConfigureAwait(false);
        if (answer.Unavailable)
        {
            // Nothing was recorded: hand it back after a pause; the queue keeps it durable meanwhile.
            await Task.Delay(_options.RequeueDelayMilliseconds, cancellationToken).ConfigureAwait(false);
            await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (delivery.BasicProperties.ReplyTo is { Length: > 0 } replyTo)
        {
            var properties = new BasicProperties
            {
                ContentType = answer.ContentType,
                CorrelationId = delivery.BasicProperties.CorrelationId,
                DeliveryMode = DeliveryModes.Persistent,
                Headers = new Dictionary<string, object?> { ["ecgbridge-answer"] = answer.Code },
            };
            await replies.BasicPublishAsync(string.Empty, replyTo, mandatory: false, properties, answer.Body, cancellationToken).ConfigureAwait(false);
        }

        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken).ConfigureAwait(false);
    }

    private async Task<AmqpAnswer> AcceptAsync(byte[] body, string? contentType, CancellationToken cancellationToken)
    {
        switch (AmqpContent.Classify(contentType, body))
        {
            case AmqpContentKind.Hl7v2:
                (byte[] ack, bool unavailable) = await ingest.AcceptHl7WithStatusAsync(body, IngestChannels.Amqp, cancellationToken).ConfigureAwait(false);
                return new AmqpAnswer(AmqpContent.MsaCode(ack), IngestContentTypes.Hl7v2, ack, unavailable);
            case AmqpContentKind.FhirJson or AmqpContentKind.FhirXml:
                bool xml = AmqpContent.Classify(contentType, body) == AmqpContentKind.FhirXml;
                FhirIngestAnswer fhir = await ingest.AcceptFhirAsync(body, xml, AmqpContent.LooksLikeBundle(body), IngestChannels.Amqp, cancellationToken).ConfigureAwait(false);
                string code = fhir.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return new AmqpAnswer(code, fhir.ContentType, fhir.Body, fhir.Status == 503);
            default:
                byte[] outcome = OperationOutcomeJson.Create("error", "not-supported", HostCodes.ContentTypeUnsupported, "content_type");
                PipelineLog.Rejected(logger, IngestChannels.Amqp, HostCodes.ContentTypeUnsupported);
                return new AmqpAnswer("415", OperationOutcomeJson.ContentType, outcome, false);
        }
    }

    private sealed record AmqpAnswer(string Code, string ContentType, byte[] Body, bool Unavailable);
}
