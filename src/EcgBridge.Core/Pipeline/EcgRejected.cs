namespace EcgBridge.Core.Pipeline;

/// <summary>Event: a message was rejected. Codes and locations only (never values, never PHI).</summary>
public sealed record EcgRejected
{
    /// <summary>The dedupe key when one could be computed, else an id of the received bytes (sha256).</summary>
    public required string MessageKey { get; init; }

    /// <summary>How the message arrived (<see cref="IngestChannels"/>).</summary>
    public required string Channel { get; init; }

    /// <summary>The error codes, distinct, in the order found.</summary>
    public required IReadOnlyList<string> Codes { get; init; }

    /// <summary>When it was rejected.</summary>
    public required DateTimeOffset RejectedAt { get; init; }
}
