namespace EcgBridge.Core.Audit;

/// <summary>
/// A claimed outbox row. <see cref="Attempts"/> counts this claim. The claim is a lease: unless marked delivered or
/// failed before <see cref="LeaseUntil"/>, the row becomes due again (a crashed dispatcher loses nothing).
/// </summary>
public sealed record OutboxMessage(
    long Id,
    long AuditSequence,
    string DedupeKey,
    string Kind,
    string Payload,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset LeaseUntil);
