using EcgBridge.Core.Audit;
using EcgBridge.Messaging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace EcgBridge.Host.Telemetry;

/// <summary>
/// Samples, every <see cref="TelemetryOptions.SampleSeconds"/>, the outbox backlog (one aggregate query) and, on
/// RabbitMQ, the ready-message count of the scoring queue and its error queue (a passive queue declare, which reads
/// the count without touching messages). The in-memory bus has no queue to measure.
/// </summary>
internal sealed class TelemetrySampler(
    IOutbox store,
    IOptions<BusOptions> bus,
    IOptions<TelemetryOptions> options,
    ILogger<TelemetrySampler> logger) : BackgroundService
{
    private IConnection? _connection;
    private IChannel? _channel;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        HostMetrics.EnsureGauges();
        var period = TimeSpan.FromSeconds(options.Value.SampleSeconds);
        using var timer = new PeriodicTimer(period);
        try
        {
            do
            {
                await SampleOutboxAsync(stoppingToken).ConfigureAwait(false);
                if (bus.Value.UsesRabbitMq)
                {
                    await SampleQueuesAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await CloseAsync().ConfigureAwait(false);
        }
    }

    private async Task SampleOutboxAsync(CancellationToken cancellationToken)
    {
        try
        {
            TelemetrySnapshot.SetBacklog(await store.GetOutboxBacklogAsync(cancellationToken).ConfigureAwait(false));
        }
#pragma warning disable CA1031 // A sample is best effort: the database health check reports the outage.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogSampleFailed("outbox", ex);
        }
    }

    private async Task SampleQueuesAsync(CancellationToken cancellationToken)
    {
        BusOptions settings = bus.Value;
        string scoreQueue = settings.EntityPrefix + settings.ScoreQueue;
        string[] queues = [scoreQueue, scoreQueue + "_error"];
        var depths = new List<KeyValuePair<string, long>>(queues.Length);
        foreach (string queue in queues)
        {
            try
            {
                IChannel channel = await ChannelAsync(settings, cancellationToken).ConfigureAwait(false);
                QueueDeclareOk ok = await channel.QueueDeclarePassiveAsync(queue, cancellationToken).ConfigureAwait(false);
                depths.Add(new(queue, ok.MessageCount));
            }
#pragma warning disable CA1031 // A missing queue (404 closes the channel) or a broker outage only skips this sample.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                // The error queue exists only after the first fault; anything else is worth a debug line.
                LogSampleFailed("queue", ex);
                await CloseChannelAsync().ConfigureAwait(false);
            }
        }

        TelemetrySnapshot.SetQueueDepths(depths);
    }

    private void LogSampleFailed(string what, Exception ex)
    {
        string exceptionType = ex.GetType().Name;
        TelemetryLog.SampleFailed(logger, what, exceptionType);
    }

    private async Task<IChannel> ChannelAsync(BusOptions settings, CancellationToken cancellationToken)
    {
        if (_connection is not { IsOpen: true })
        {
            await CloseAsync().ConfigureAwait(false);
            var factory = new ConnectionFactory { Uri = new Uri(settings.RabbitMq!), ClientProvidedName = "ecgbridge-telemetry" };
            _connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_channel is not { IsOpen: true })
        {
            await CloseChannelAsync().ConfigureAwait(false);
            _channel = await _connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return _channel;
    }

    private async Task CloseChannelAsync()
    {
        if (_channel is not null)
        {
            await _channel.DisposeAsync().ConfigureAwait(false);
            _channel = null;
        }
    }

    private async Task CloseAsync()
    {
        await CloseChannelAsync().ConfigureAwait(false);
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = null;
        }
    }
}
