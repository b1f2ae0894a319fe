using EcgBridge.Core.Pipeline;
using MassTransit;

namespace EcgBridge.Messaging;

/// <summary>The bus side of <see cref="IEcgEventPublisher"/>: publishes through MassTransit.</summary>
public sealed class BusEventPublisher(IBus bus) : IEcgEventPublisher
{
    /// <inheritdoc />
    public Task PublishRejectedAsync(EcgRejected rejected, CancellationToken cancellationToken) => bus.Publish(rejected, cancellationToken);
}
