using System.Text.Json;
using EcgBridge.Core.Audit;
using MassTransit;

namespace EcgBridge.Host.Delivery.Sinks;

/// <summary><see cref="RiskAssessed"/> events to the bus (consumers dedupe on the event's dedupe key).</summary>
internal sealed class BusResultSink(IBus bus) : IResultSink
{
    public string Kind => OutboxKinds.BusRiskAssessed;

    public async Task<SinkResult> DeliverAsync(string payload, CancellationToken cancellationToken)
    {
        RiskAssessed? message;
        try
        {
            message = JsonSerializer.Deserialize<RiskAssessed>(payload);
        }
        catch (JsonException)
        {
            message = null;
        }

        if (message is null)
        {
            return SinkResult.Refused(HostCodes.OutboxKindUnknown);
        }

        try
        {
            await bus.Publish(message, cancellationToken).ConfigureAwait(false);
            return SinkResult.Delivered;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return SinkResult.Retry(HostCodes.BusPublishFailed);
        }
    }
}
