namespace EcgBridge.Hl7v2.Writing;

/// <summary>Envelope fields of ORU^R01 messages written by <see cref="Waveforms.Pcd01MessageWriter"/> and <see cref="Waveforms.WaveformMessageWriter"/>.</summary>
public sealed record Hl7WriteOptions
{
    /// <summary>MSH-3 in encoded form; null: the recording's source, else <c>EcgBridge</c>.</summary>
    public string? SendingApplication { get; init; }

    /// <summary>MSH-4 in encoded form; null: the recording's source.</summary>
    public string? SendingFacility { get; init; }

    /// <summary>MSH-5 in encoded form.</summary>
    public string? ReceivingApplication { get; init; } = "EcgBridge";

    /// <summary>MSH-6 in encoded form.</summary>
    public string? ReceivingFacility { get; init; }

    /// <summary>MSH-10; null: the recording's source control id, else a new GUID.</summary>
    public string? ControlId { get; init; }

    /// <summary>MSH-7; null: now (UTC).</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>MSH-11.</summary>
    public string ProcessingId { get; init; } = "P";

    /// <summary>MSH-12.</summary>
    public string Version { get; init; } = "2.6";

    /// <summary>MSH-15 (null: original acknowledgment mode).</summary>
    public string? AcceptAcknowledgmentType { get; init; }

    /// <summary>MSH-16.</summary>
    public string? ApplicationAcknowledgmentType { get; init; }

    /// <summary>The defaults.</summary>
    public static Hl7WriteOptions Default { get; } = new();
}
