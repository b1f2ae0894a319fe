namespace EcgBridge.Core.Pipeline;

/// <summary>Port: publishes the pipeline's informational events on the bus (codes and ids only, never PHI).</summary>
public interface IEcgEventPublisher
{
    /// <summary>Publishes that a message was rejected; throws when the bus did not take it.</summary>
    Task PublishRejectedAsync(EcgRejected rejected, CancellationToken cancellationToken);
}
