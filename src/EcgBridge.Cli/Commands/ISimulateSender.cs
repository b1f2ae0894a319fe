namespace EcgBridge.Cli.Commands;

/// <summary>Delivers simulated messages to a receiver, retrying with backoff while it cannot connect.</summary>
internal interface ISimulateSender : IAsyncDisposable
{
    /// <summary>Sends one message and waits for the receiver's answer.</summary>
    Task<SimulateDelivery> SendAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);
}
