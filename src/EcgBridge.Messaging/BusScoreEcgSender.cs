using EcgBridge.Core.Pipeline;
using MassTransit;

namespace EcgBridge.Messaging;

/// <summary>Publishes <see cref="ScoreEcg"/> through the bus with publisher confirms and mandatory routing.</summary>
internal sealed class BusScoreEcgSender(IBus bus) : IScoreEcgSender
{
    public Task SendAsync(ScoreEcg command, CancellationToken cancellationToken) =>
        bus.Publish(
            command,
            context =>
            {
                if (context.TryGetPayload(out RabbitMqSendContext? rabbit))
                {
                    rabbit.Mandatory = true;
                }
            },
            cancellationToken);
}
