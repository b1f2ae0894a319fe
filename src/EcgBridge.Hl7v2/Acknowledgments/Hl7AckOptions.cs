namespace EcgBridge.Hl7v2.Acknowledgments;

/// <summary>How EcgBridge names itself in ACKs and how control ids and times are made.</summary>
public sealed record Hl7AckOptions
{
    /// <summary>ACK MSH-3 when the answered message named no receiving application (MSH-5).</summary>
    public string SendingApplication { get; init; } = "EcgBridge";

    /// <summary>ACK MSH-4 when the answered message named no receiving facility (MSH-6).</summary>
    public string? SendingFacility { get; init; }

    /// <summary>ACK MSH-10; null: a new GUID (32 hex digits).</summary>
    public string? ControlId { get; init; }

    /// <summary>ACK MSH-7; null: now (UTC).</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>ACK MSH-12 when the answered version is unknown or unsupported.</summary>
    public string FallbackVersion { get; init; } = "2.5.1";

    /// <summary>At most this many ERR segments (one per issue, errors first).</summary>
    public int MaxErrSegments { get; init; } = 50;

    /// <summary>The defaults.</summary>
    public static Hl7AckOptions Default { get; } = new();
}
