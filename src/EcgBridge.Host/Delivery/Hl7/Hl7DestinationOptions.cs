using System.ComponentModel.DataAnnotations;

namespace EcgBridge.Host.Delivery.Hl7;

/// <summary>
/// One HL7 v2 system that receives an ORU^R01 per scored ECG (<c>EcgBridge:Hl7Destinations:&lt;name&gt;</c>), through
/// the outbox: persistent MLLP connection, wait for the ACK, MSA-2 matched to the MSH-10 sent, retry on AE/timeout,
/// stop on AR.
/// </summary>
public sealed class Hl7DestinationOptions
{
    public const string SectionName = "EcgBridge:Hl7Destinations";

    /// <summary><c>mllp://host:port</c>, or <c>mllps://host:port</c> for MLLP over TLS.</summary>
    [Required]
    public string Url { get; set; } = "";

    /// <summary>MSH-5 of the messages sent (default: the destination's name).</summary>
    public string? ReceivingApplication { get; set; }

    /// <summary>MSH-6 of the messages sent.</summary>
    public string? ReceivingFacility { get; set; }

    /// <summary>MSH-4 (EcgBridge's facility as the destination knows it).</summary>
    public string? SendingFacility { get; set; }

    /// <summary>Seconds to wait for the ACK; an ACK later than this is not counted (the message is sent again).</summary>
    [Range(1, 600)]
    public int AckTimeoutSeconds { get; set; } = 30;

    /// <summary>PEM file of the CA that signs the destination's certificate (mllps; default: the system trust store).</summary>
    public string? TrustedCaPath { get; set; }
}
