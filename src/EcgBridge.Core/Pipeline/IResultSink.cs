namespace EcgBridge.Core.Pipeline;

/// <summary>
/// Port: one destination of results (the EHR's FHIR server, the bus, an HL7 v2 destination, a results folder), reached
/// through the outbox. A sink handles the outbox rows of one <see cref="Kind"/> and says what happened; the deliver step
/// records it and schedules retries. Sinks must be idempotent: a row may be delivered again after a crash.
/// </summary>
public interface IResultSink
{
    /// <summary>The outbox kind this sink delivers (<c>OutboxKinds.*</c>).</summary>
    string Kind { get; }

    /// <summary>Delivers one outbox payload.</summary>
    Task<SinkResult> DeliverAsync(string payload, CancellationToken cancellationToken);
}
