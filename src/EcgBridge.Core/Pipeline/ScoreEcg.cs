namespace EcgBridge.Core.Pipeline;

/// <summary>
/// Command: score one accepted ECG. Sent only after the ECG passed decoding and the quality gate and its inbox row is
/// committed. It carries what scoring needs — the normalized tensor (lossless <see cref="EcgTensorCodec"/> form,
/// checked against <see cref="TensorSha256"/>) and the source facts — never the raw message, so the scoring step never
/// decodes again and a mapping change after acceptance cannot fail an acknowledged ECG. One command per ECG: a Bundle
/// of N ECGs is N commands, each with its own ECG only. PHI (<see cref="Source"/>) stays in the durable body, never in
/// headers.
/// </summary>
public sealed record ScoreEcg
{
    /// <summary>The dedupe key (sender + control id + waveform hash); one RiskAssessment per key.</summary>
    public required string DedupeKey { get; init; }

    /// <summary>How the message arrived (<see cref="IngestChannels"/>).</summary>
    public required string Channel { get; init; }

    /// <summary>When the sender's message was received.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Content type of the message the ECG came in (<see cref="IngestContentTypes"/>), for telemetry.</summary>
    public required string ContentType { get; init; }

    /// <summary>The normalized 12 × 5000 tensor in <see cref="EcgTensorCodec"/> form.</summary>
    public required byte[] Tensor { get; init; }

    /// <summary>SHA-256 of the tensor's float32 bytes (the audit row's tensor hash); the consumer checks it.</summary>
    public required string TensorSha256 { get; init; }

    /// <summary>SHA-256 of the message as received (the audit row's raw hash).</summary>
    public required string RawSha256 { get; init; }

    /// <summary>Preprocessing version the tensor was made with.</summary>
    public required string PreprocessingVersion { get; init; }

    /// <summary>Who and what the ECG belongs to (PHI).</summary>
    public required EcgSource Source { get; init; }

    /// <summary>When the ECG was acquired.</summary>
    public DateTimeOffset? AcquisitionTime { get; init; }

    /// <summary>Sender as the audit shows it (MSH-3^MSH-4, FHIR meta.source).</summary>
    public string? SourceSystem { get; init; }

    /// <summary>Message id as the audit shows it (MSH-10, Observation id).</summary>
    public string? MessageId { get; init; }

    /// <summary>Literal reference of the source ECG for RiskAssessment.basis, when it has one.</summary>
    public string? BasisReference { get; init; }

    /// <summary>Identifier system of the source ECG for a logical basis reference.</summary>
    public string? BasisIdentifierSystem { get; init; }

    /// <summary>Identifier value of the source ECG for a logical basis reference.</summary>
    public string? BasisIdentifierValue { get; init; }

    /// <summary>Decode time at acceptance.</summary>
    public double DecodeMilliseconds { get; init; }

    /// <summary>Normalize time at acceptance.</summary>
    public double NormalizeMilliseconds { get; init; }

    /// <summary>Name of the watched folder (<c>EcgBridge:Folders:&lt;name&gt;</c>) whose results folder gets the RiskAssessment, if any.</summary>
    public string? ResultFolder { get; init; }
}
