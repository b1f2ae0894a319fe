namespace EcgBridge.Messaging.Replay;

/// <summary>One parked message as a dry run lists it: ids and the fault's exception type only (never its text or the body: PHI).</summary>
/// <param name="MessageId">The AMQP message id (MassTransit's message id), or null when the sender set none.</param>
/// <param name="FaultType">The <c>MT-Fault-ExceptionType</c> header, or null when absent.</param>
public sealed record ErrorQueueEntry(string? MessageId, string? FaultType);
