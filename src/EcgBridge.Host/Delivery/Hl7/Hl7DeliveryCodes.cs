namespace EcgBridge.Host.Delivery.Hl7;

/// <summary>Stable codes of ORU^R01 delivery to HL7 v2 destinations (docs/error-codes.md). Codes are never reused.</summary>
public static class Hl7DeliveryCodes
{
    /// <summary>The destination answered AR/CR: refused for good; recorded, not retried.</summary>
    public const string Refused = "HL7-DEST-REFUSED";

    /// <summary>The destination answered AE/CE: retried with backoff.</summary>
    public const string Error = "HL7-DEST-ERROR";

    /// <summary>No ACK within the timeout, or the connection failed: retried with backoff.</summary>
    public const string Unavailable = "HL7-DEST-UNAVAILABLE";

    /// <summary>The answer was not an ACK, or its MSA-2 did not match the MSH-10 sent: not counted, retried.</summary>
    public const string AckMismatch = "HL7-DEST-ACK-MISMATCH";

    /// <summary>An outbox row names a destination that is no longer configured.</summary>
    public const string Unknown = "HL7-DEST-UNKNOWN";

    /// <summary>A destination's Url is not mllp://host:port or mllps://host:port; the service refuses to start.</summary>
    public const string UrlInvalid = "HL7-DEST-URL-INVALID";
}
