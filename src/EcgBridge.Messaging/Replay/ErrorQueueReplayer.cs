using System.Globalization;
using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace EcgBridge.Messaging.Replay;

/// <summary>
/// Moves ScoreEcg messages parked in <c>&lt;queue&gt;_error</c> back to the score queue, one at a time: get (manual ack),
/// republish persistent with publisher confirms, then ack the error-queue copy. A crash between publish and ack leaves a
/// duplicate, never a loss; the consumer is idempotent per dedupe key, so a duplicate is answered AlreadyRecorded.
/// </summary>
public static class ErrorQueueReplayer
{
    /// <summary>Header added to every replayed message: when it was moved back (ISO 8601, UTC).</summary>
    public const string ReplayedAtHeader = "ecgbridge-replayed-at";

    /// <summary>The MassTransit header naming the fault's exception type.</summary>
    public const string FaultTypeHeader = "MT-Fault-ExceptionType";

    private const string ErrorSuffix = "_error";
    private const ushort NotFound = 404;

    /// <summary>
    /// Replays (or, with <paramref name="dryRun"/>, lists) up to <paramref name="max"/> messages of
    /// <paramref name="queue"/><c>_error</c>. Broker or queue trouble comes back as a coded result, not an exception.
    /// </summary>
    public static async Task<ReplayResult> ReplayAsync(Uri broker, string queue, int? max, bool dryRun, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentException.ThrowIfNullOrWhiteSpace(queue);
        ArgumentNullException.ThrowIfNull(time);
        string errorQueue = queue + ErrorSuffix;
        var factory = new ConnectionFactory { Uri = broker, ClientProvidedName = "ecgbridge-replay" };
        IConnection connection;
        try
        {
            connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (BrokerUnreachableException)
        {
            return Failed(ReplayCodes.BrokerUnreachable, broker.Host + ":" + broker.Port.ToString(CultureInfo.InvariantCulture));
        }

        await using (connection.ConfigureAwait(false))
        {
            try
            {
                return await RunAsync(connection, queue, errorQueue, max, dryRun, time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationInterruptedException or IOException)
            {
                // The broker went away mid-run: what was not acked stays in the error queue, so the run can be repeated.
                return Failed(ReplayCodes.BrokerUnreachable, broker.Host + ":" + broker.Port.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    private static async Task<ReplayResult> RunAsync(IConnection connection, string queue, string errorQueue, int? max, bool dryRun, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await QueueExistsAsync(connection, errorQueue, cancellationToken).ConfigureAwait(false))
        {
            return Failed(ReplayCodes.QueueMissing, errorQueue);
        }

        if (!dryRun && !await QueueExistsAsync(connection, queue, cancellationToken).ConfigureAwait(false))
        {
            return Failed(ReplayCodes.QueueMissing, queue);
        }

        return dryRun
            ? await ListAsync(connection, errorQueue, max, cancellationToken).ConfigureAwait(false)
            : await MoveAsync(connection, queue, errorQueue, max, time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The headers a replayed message keeps: every one except MassTransit's fault, reason and exception headers.</summary>
    public static bool KeepsHeader(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return !key.StartsWith("MT-Fault-", StringComparison.OrdinalIgnoreCase)
            && !key.StartsWith("MT-Reason", StringComparison.OrdinalIgnoreCase)
            && !key.Contains("exception", StringComparison.OrdinalIgnoreCase)
            && !key.Equals(ReplayedAtHeader, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<ReplayResult> MoveAsync(IConnection connection, string queue, string errorQueue, int? max, TimeProvider time, CancellationToken cancellationToken)
    {
        IChannel channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken).ConfigureAwait(false);
        int replayed = 0;
        string? errorCode = null;
        await using (channel.ConfigureAwait(false))
        {
            // At most what was parked when the run started: a message that faults again for a lasting reason returns
            // to the error queue and must not be cycled forever.
            int present = await CountAsync(connection, errorQueue, cancellationToken).ConfigureAwait(false);
            int budget = max is { } limit ? Math.Min(limit, present) : present;
            while (replayed < budget)
            {
                BasicGetResult? parked = await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken).ConfigureAwait(false);
                if (parked is null)
                {
                    break;
                }

                BasicProperties properties = Fresh(parked.BasicProperties, time);
                try
                {
                    // Mandatory: an unroutable publish is returned (and throws) instead of vanishing, so the ack below
                    // runs only once the score queue holds the message.
                    await channel.BasicPublishAsync("", queue, mandatory: true, properties, parked.Body, cancellationToken).ConfigureAwait(false);
                }
                catch (PublishException)
                {
                    await channel.BasicNackAsync(parked.DeliveryTag, multiple: false, requeue: true, cancellationToken).ConfigureAwait(false);
                    errorCode = ReplayCodes.PublishRefused;
                    break;
                }

                await channel.BasicAckAsync(parked.DeliveryTag, multiple: false, cancellationToken).ConfigureAwait(false);
                replayed++;
            }
        }

        int left = await CountAsync(connection, errorQueue, cancellationToken).ConfigureAwait(false);
        return new ReplayResult { Replayed = replayed, Left = left, ErrorCode = errorCode, ErrorLocation = errorCode is null ? null : queue };
    }

    private static async Task<ReplayResult> ListAsync(IConnection connection, string errorQueue, int? max, CancellationToken cancellationToken)
    {
        var listed = new List<ErrorQueueEntry>();
        int total;
        IChannel channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await using (channel.ConfigureAwait(false))
        {
            // Held unacked until the channel closes, so each message is seen once; closing returns them all.
            total = await CountAsync(connection, errorQueue, cancellationToken).ConfigureAwait(false);
            int wanted = max is { } limit ? Math.Min(limit, total) : total;
            while (listed.Count < wanted)
            {
                BasicGetResult? parked = await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken).ConfigureAwait(false);
                if (parked is null)
                {
                    break;
                }

                listed.Add(new ErrorQueueEntry(parked.BasicProperties.MessageId, HeaderText(parked.BasicProperties.Headers, FaultTypeHeader)));
            }

            await channel.CloseAsync(cancellationToken).ConfigureAwait(false);
        }

        // The count taken before listing: the broker requeues a closed channel's unacked messages after close-ok, so a
        // count taken now can miss them. A dry run moves nothing, so what was there is what is left.
        return new ReplayResult { Left = total, Listed = listed };
    }

    private static BasicProperties Fresh(IReadOnlyBasicProperties parked, TimeProvider time)
    {
        var headers = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach ((string key, object? value) in parked.Headers ?? new Dictionary<string, object?>())
        {
            if (KeepsHeader(key))
            {
                headers[key] = value;
            }
        }

        headers[ReplayedAtHeader] = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        return new BasicProperties
        {
            ContentType = parked.ContentType,
            ContentEncoding = parked.ContentEncoding,
            MessageId = parked.MessageId,
            CorrelationId = parked.CorrelationId,
            Type = parked.Type,
            DeliveryMode = DeliveryModes.Persistent,
            Headers = headers,
        };
    }

    private static string? HeaderText(IDictionary<string, object?>? headers, string key) =>
        headers is not null && headers.TryGetValue(key, out object? value)
            ? value switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                null => null,
                _ => Convert.ToString(value, CultureInfo.InvariantCulture),
            }
            : null;

    /// <summary>Passive declare on a channel of its own: a missing queue closes the channel it was asked on.</summary>
    private static async Task<bool> QueueExistsAsync(IConnection connection, string queue, CancellationToken cancellationToken)
    {
        IChannel channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await using (channel.ConfigureAwait(false))
        {
            try
            {
                await channel.QueueDeclarePassiveAsync(queue, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == NotFound)
            {
                return false;
            }
        }
    }

    private static async Task<int> CountAsync(IConnection connection, string queue, CancellationToken cancellationToken)
    {
        IChannel channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await using (channel.ConfigureAwait(false))
        {
            QueueDeclareOk ok = await channel.QueueDeclarePassiveAsync(queue, cancellationToken).ConfigureAwait(false);
            return checked((int)ok.MessageCount);
        }
    }

    private static ReplayResult Failed(string code, string location) => new() { ErrorCode = code, ErrorLocation = location };
}
