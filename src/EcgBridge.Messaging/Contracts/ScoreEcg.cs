namespace EcgBridge.Messaging.Contracts;

/// <summary>
/// Command: score one accepted ECG message. Sent only after the message passed decoding and the quality gate and its
/// inbox row is committed. The raw payload travels in the body (PHI stays in the durable queue body, never in headers);
/// the consumer decodes it again, so the message is self-contained and any instance can process it.
/// </summary>
public sealed record ScoreEcg
{
    /// <summary>The dedupe key (sender + control id + waveform hash); one RiskAssessment per key.</summary>
    public required string DedupeKey { get; init; }

    /// <summary>How the message arrived (<see cref="IngestChannels"/>).</summary>
    public required string Channel { get; init; }

    /// <summary>When the sender's message was received.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Content type of <see cref="Payload"/> (<see cref="IngestContentTypes"/>).</summary>
    public required string ContentType { get; init; }

    /// <summary>The message exactly as received (HL7 v2 ER7 bytes or FHIR JSON/XML).</summary>
    public required byte[] Payload { get; init; }
}
