using System.Text;
using System.Text.Json;
using EcgBridge.Core.Audit;
using EcgBridge.Host.Delivery.Hl7;

namespace EcgBridge.Host.Delivery.Sinks;

/// <summary>ORU^R01 results to a configured HL7 v2 destination over MLLP, matched to its ACK.</summary>
internal sealed class Hl7ResultSink(Hl7Destinations destinations) : IResultSink
{
    public string Kind => OutboxKinds.Hl7Oru;

    public async Task<SinkResult> DeliverAsync(string payload, CancellationToken cancellationToken)
    {
        Hl7OruDelivery? oru = JsonSerializer.Deserialize<Hl7OruDelivery>(payload);
        Hl7DestinationClient? client = oru is null ? null : destinations.Client(oru.Destination);
        if (oru is null || client is null)
        {
            return SinkResult.Refused(Hl7DeliveryCodes.Unknown);
        }

        Hl7DeliveryResult sent = await client.SendAsync(Encoding.UTF8.GetBytes(oru.Message), oru.ControlId, cancellationToken).ConfigureAwait(false);
        return sent.Status switch
        {
            Hl7DeliveryStatus.Delivered => SinkResult.Delivered,
            Hl7DeliveryStatus.Refused => SinkResult.Refused(sent.Code!),
            _ => SinkResult.Retry(sent.Code!),
        };
    }
}
